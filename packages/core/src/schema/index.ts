import type { PrismaNodeRef } from '@pothos/plugin-prisma';
import type { ZhifaBuilder } from '../builder.js';
import { registerCoreEnums, registerListEnums } from './enums.js';
import { registerScalars } from './scalars.js';
import { registerErrorTypes } from './errors.js';
import { registerViewer } from './viewer.js';
import { registerAgency } from './agency.js';
import { registerPerson } from './person.js';
import { registerEnterprise } from './enterprise.js';
import { registerCase } from './case.js';
import { registerCaseMutations } from './case-mutations.js';
import { registerCaseStats } from './case-stats.js';
import { registerCompulsoryMeasure } from './compulsory-measure.js';
import { registerCaseStep } from './case-step.js';
import { registerPenaltyInput } from './penalty-input.js';
import { registerMatter } from './matter.js';
import { registerEvents } from './event.js';
import { registerApiKey } from './api-key.js';
import { registerListTypes, type ListKindLabel } from '../lists/kinds.js';
import type { InputLimits } from '../input/values.js';

/** The core node types, handed to plugins (PluginHooks.core) for subscriptions and fields that yield them. */
export type CoreRefs = ReturnType<typeof registerCore>;

export function registerCore(
  builder: ZhifaBuilder,
  options: { listKinds: readonly ListKindLabel[]; input: InputLimits },
) {
  builder.queryType({ description: '查询 Queries' });
  builder.mutationType({ description: '变更 Mutations' });
  builder.subscriptionType({ description: '订阅 Live updates' });
  registerScalars(builder, options.input);
  registerErrorTypes(builder);
  const Viewer = registerViewer(builder);
  const enums = registerCoreEnums(builder);
  const Agency = registerAgency(builder, enums);
  const Person = registerPerson(builder, enums);
  const Enterprise = registerEnterprise(builder, enums);
  const EnforcementMatter = registerMatter(builder, enums);
  const PenaltyInput = registerPenaltyInput(builder, enums);
  const EnforcementCase = registerCase(builder, enums);
  const { OpenCaseInput } = registerCaseMutations(builder, enums, PenaltyInput);
  registerCaseStats(builder, enums);
  registerCompulsoryMeasure(builder, enums, Person);
  registerCaseStep(builder, enums, PenaltyInput);
  registerEvents(builder);
  registerApiKey(builder, Agency);
  if (options.listKinds.length > 0)
    registerListTypes(builder, options.listKinds, {
      ...registerListEnums(builder, options.listKinds),
      ListIssuerLevel: enums.ListIssuerLevel,
    });
  return {
    Agency: wholeRows(Agency),
    Person: wholeRows(Person),
    Enterprise: wholeRows(Enterprise),
    EnforcementCase: wholeRows(EnforcementCase),
    EnforcementMatter,
    /** 立案 input (core's openCase), for a plugin that opens a case by its own route. */
    OpenCaseInput,
    /** `viewer`: a plugin adds what the caller reads about itself (an enterprise's inspection code). */
    Viewer,
    /** 企业信用风险分类, for a plugin's fields and inputs by class (the inspections plugin's weighted draws). */
    CreditRiskClass: enums.CreditRiskClass,
  };
}

/**
 * A node type that loads only the columns its fields ask for (`select` on the type) has that
 * selection as its TypeScript shape, which a row of any model with an id would satisfy. Handed to
 * plugins, a ref yields the whole row of its own model: what a subscription or field returns
 * from `ctx.prisma.<model>` (Pothos loads any field's columns a given row lacks).
 */
function wholeRows<R>(
  ref: R,
): R extends PrismaNodeRef<infer Types, infer Model, unknown> ? PrismaNodeRef<Types, Model, Model['Shape']> : never {
  return ref as never;
}
