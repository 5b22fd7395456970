// The visits slice of the plugin: the inspection code on `viewer`, filings 线上报备, visits 扫码入企 with findings and
// ratings, their lists and the live subscription (county plan task 14).
import type { CoreRefs, ZhifaBuilder } from '@zhifa/core';
import { registerInspectionCode } from './inspection-code.js';
import { registerFilingTypes } from './inspection-filing.js';
import { registerVisitTypes } from './inspection-visit.js';
import { registerVisitMutations } from './visit-mutations.js';
import { registerVisitSubscription } from './visit-subscription.js';

export function registerVisits(builder: ZhifaBuilder, core: CoreRefs) {
  registerInspectionCode(builder, core);
  const filings = registerFilingTypes(builder);
  const visits = registerVisitTypes(builder);
  registerVisitMutations(builder, core, { ...filings, ...visits });
  registerVisitSubscription(builder, visits);
}
