// The rules version in force: the newest ImpactRules row (the plugin's first migration writes version 1, the published
// defaults; DEFAULT_RULES is the same values, used only if the table were emptied by hand). Read once per unit of work
// that judges triggers or scores.
import type { Db, ImpactRules } from '@zhifa/core/prisma';
import { DEFAULT_RULES, DIMENSIONS, type Dimension, type ImpactRulesValues } from './rules/rules-values.js';

export async function currentRules(db: Db): Promise<ImpactRulesValues> {
  const row = await db.impactRules.findFirst({ orderBy: { version: 'desc' } });
  return row ? rulesValues(row) : DEFAULT_RULES;
}

/** A stored version as values. */
export async function rulesAt(db: Db, version: number): Promise<ImpactRulesValues> {
  return rulesValues(await db.impactRules.findUniqueOrThrow({ where: { version } }));
}

export function rulesValues(row: ImpactRules): ImpactRulesValues {
  const stored = row.weights as Record<string, unknown>;
  const weights = Object.fromEntries(DIMENSIONS.map((d) => [d, Number(stored[d] ?? 0)])) as Record<Dimension, number>;
  return {
    version: row.version,
    organisationThresholdFen: row.organisationThresholdFen,
    individualBusinessThresholdFen: row.individualBusinessThresholdFen,
    enabledTriggers: row.enabledTriggers,
    weights,
    mediumFrom: row.mediumFrom,
    highFrom: row.highFrom,
    severeFrom: row.severeFrom,
  };
}
