// The catalogue slice (county plan task 5): inspection items, annual plans and schemes, and the figures.
import type { ZhifaBuilder } from '@zhifa/core';
import { registerInspectionItem } from './inspection-item.js';
import { registerInspectionPlan } from './inspection-plan.js';
import { registerInspectionScheme } from './inspection-scheme.js';
import { registerInspectionStats } from './inspection-stats.js';

export function registerCatalogue(builder: ZhifaBuilder): void {
  registerInspectionItem(builder);
  registerInspectionPlan(builder);
  registerInspectionScheme(builder);
  registerInspectionStats(builder);
}
