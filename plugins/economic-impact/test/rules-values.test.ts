// The county's rules as values: the defaults equal the row the first migration writes (version 1), and a new version
// is checked at its boundaries — weights summing to exactly 1 (0.9999 and 1.0001 refused), cut-offs rising within
// (0, 4], thresholds above zero with the 个体工商户 one not above the organisations'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERR } from '@zhifa/testkit';
import { currentRules } from '../src/rules-store.js';
import { DEFAULT_RULES, rulesIssues, type ImpactRulesValues } from '../src/rules/rules-values.js';
import { createWorld, type World } from './fixtures.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w?.h.close());

const rules = (over: Partial<ImpactRulesValues> = {}) => ({ ...DEFAULT_RULES, ...over });
const codes = (r: ImpactRulesValues) => rulesIssues(r).map((i) => i.rule);

describe('rules values', () => {
  it('the first migration writes the defaults as version 1', async () => {
    expect(await currentRules(w.h.db.prisma)).toEqual(DEFAULT_RULES);
  });

  it('weights sum to exactly 1', () => {
    expect(codes(rules())).toEqual([]);
    expect(codes(rules({ weights: { ...DEFAULT_RULES.weights, TAX: 999 } }))).toEqual(['IMPACT_WEIGHTS_SUM']);
    expect(codes(rules({ weights: { ...DEFAULT_RULES.weights, TAX: 1001 } }))).toEqual(['IMPACT_WEIGHTS_SUM']);
    expect(codes(rules({ weights: { ...DEFAULT_RULES.weights, TAX: -1000, SURVIVAL: 4000 } }))).toEqual([
      'IMPACT_WEIGHTS_SUM',
    ]);
  });

  it('cut-offs rise within (0, 4]', () => {
    expect(codes(rules({ severeFrom: 4 }))).toEqual([]);
    expect(codes(rules({ severeFrom: 4.01 }))).toEqual(['IMPACT_LEVEL_CUTOFFS']);
    expect(codes(rules({ highFrom: 1 }))).toEqual(['IMPACT_LEVEL_CUTOFFS']);
    expect(codes(rules({ mediumFrom: 0 }))).toEqual(['IMPACT_LEVEL_CUTOFFS']);
  });

  it('thresholds: above zero, the individual business one not above the organisations’', () => {
    expect(codes(rules({ individualBusinessThresholdFen: 5_000_000n }))).toEqual([]);
    expect(codes(rules({ individualBusinessThresholdFen: 5_000_001n }))).toEqual(['IMPACT_THRESHOLDS']);
    expect(codes(rules({ organisationThresholdFen: 0n }))).toEqual(['IMPACT_THRESHOLDS']);
  });
});

const UPDATE = `mutation($i: ImpactRulesInput!) { updateImpactRules(input: $i) { __typename ${ERR}
  ... on MutationUpdateImpactRulesSuccess { data { version organisationThresholdFen weights { dimension weight } changedBy reason } } } }`;

const input = (weights: Record<string, number>) => ({
  organisationThresholdFen: 6_000_000,
  individualBusinessThresholdFen: 600_000,
  enabledTriggers: ['LARGE_FINE', 'LARGE_CONFISCATION', 'LICENCE'],
  weights: Object.entries(weights).map(([dimension, weight]) => ({ dimension, weight })),
  mediumFrom: 1,
  highFrom: 2,
  severeFrom: 3,
  reason: '依据县司法局 2026 年第 3 号通知调整',
});
const EVEN = {
  SURVIVAL: 0.125,
  OPERATIONS: 0.125,
  EMPLOYMENT: 0.125,
  SUPPLY_CHAIN: 0.125,
  REGIONAL_ECONOMY: 0.125,
  TAX: 0.125,
  CREDIT: 0.125,
  PUBLIC_OPINION: 0.125,
};

describe('updateImpactRules', () => {
  it('records a new version with who and why; refuses weights off 1 by 0.0001 and writes nothing', async () => {
    const p = w.h.db.prisma;
    const before = await p.impactRules.count();
    const off = await w.h.gql(UPDATE, { i: input({ ...EVEN, TAX: 0.1249 }) }, w.tokens.supervisor);
    expect(off.data.updateImpactRules).toMatchObject({ __typename: 'RuleViolation', rule: 'IMPACT_WEIGHTS_SUM' });
    const five = await w.h.gql(UPDATE, { i: input({ ...EVEN, TAX: 0.12505 }) }, w.tokens.supervisor);
    expect(five.data.updateImpactRules).toMatchObject({ rule: 'IMPACT_WEIGHTS_SUM' });
    expect(await p.impactRules.count()).toBe(before);

    const ok = await w.h.gql(UPDATE, { i: input(EVEN) }, w.tokens.supervisor);
    expect(ok.data.updateImpactRules.data).toMatchObject({
      version: 2,
      organisationThresholdFen: 6_000_000,
      reason: '依据县司法局 2026 年第 3 号通知调整',
      changedBy: `person:${w.people.supervisor.id}`,
    });
    expect((await currentRules(p)).weights.TAX).toBe(1250);
    const history = await w.h.gql(
      `{ impactRulesHistory(first: 5) { totalCount edges { node { version } } } }`,
      {},
      w.tokens.officerA,
    );
    expect(history.data.impactRulesHistory.edges.map((e: { node: { version: number } }) => e.node.version)).toEqual([
      2, 1,
    ]);
    expect(await p.event.count({ where: { topic: 'economicImpact.rulesChanged' } })).toBe(1);
  });

  it('an officer may read the rules but not change them', async () => {
    const res = await w.h.gql(UPDATE, { i: input(EVEN) }, w.tokens.officerA);
    expect(res.data.updateImpactRules.__typename).toBe('ForbiddenError');
  });
});
