// `enterprises(first: N) { inspectionWarnings { totalCount … steps agencies } }` costs the same statements for 4
// enterprises as for 20 (the N+1 guard), for a supervisor and for an agency's officer (whose row rule is
// ANDed into the nested list: warnings naming the agency only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '@zhifa/core/rules';
import { countStatements, type GqlJson } from '@zhifa/testkit';
import { createWarningWorld, type WarningWorld } from './warning-helpers.js';

let w: WarningWorld;
beforeAll(async () => {
  w = await createWarningWorld();
  const p = w.h.db.prisma;
  for (let i = 0; i < 20; i++) {
    const e = await p.enterprise.create({
      data: {
        uscc: completeUscc(`91320923MA1WN${String(i).padStart(3, '0')}`),
        name: `预警企业${i}`,
        kind: 'COMPANY',
        legalRepresentative: '某',
        address: '阜宁县',
        industry: '食品',
        scale: 'SMALL',
        employees: 5,
        creditRiskClass: 'C',
      },
    });
    // One warning answerable by A, one by B naming A too (多头), each with a step.
    for (const [rule, agencyId, agencyIds] of [
      ['UNFILED', w.agencyA.id, [w.agencyA.id]],
      ['MULTI_AGENCY', w.agencyB.id, [w.agencyB.id, w.agencyA.id]],
    ] as const)
      await p.inspectionWarning.create({
        data: {
          rule,
          dedupeKey: `n1:${rule}:${e.id}`,
          enterpriseId: e.id,
          agencyId,
          agencyIds: [...agencyIds],
          visitIds: [],
          evidence: {},
          basis: '依据|basis',
          status: 'ASSIGNED',
          raisedAt: new Date(),
          steps: { create: [{ status: 'ASSIGNED', comment: '交办', actor: 'system:test', at: new Date() }] },
        },
      });
  }
});
afterAll(() => w?.h.close());

const Q = `query($n: Int!) { enterprises(first: $n) { edges { node { name
  inspectionWarnings(first: 5) { totalCount edges { node { rule status agency { name } agencies { name }
    steps(first: 5) { totalCount edges { node { status comment } } } } } } } } } }`;

describe('N+1', () => {
  for (const [who, perEnterprise] of [
    ['supervisor', 2],
    ['officerA', 2],
    ['officerB', 1],
  ] as const)
    it(`${who}: the same statements for 4 enterprises as for 20`, async () => {
      const run = (n: number) => countStatements(w.h, () => w.h.gql(Q, { n }, w.tokens[who]));
      await run(4); // the caller's first request reads who they are
      // Four: past the world's two enterprises (no warnings), so both runs load warnings and their agencies.
      const a = await run(4);
      const b = await run(20);
      expect(b.result.errors).toBeUndefined();
      const edges = (b.result.data.enterprises.edges as GqlJson[]).filter((e) => e.node.name.startsWith('预警企业'));
      expect(edges.length).toBeGreaterThanOrEqual(18);
      expect(edges.every((e) => e.node.inspectionWarnings.totalCount === perEnterprise)).toBe(true);
      const multi = edges[0].node.inspectionWarnings.edges.find((x: GqlJson) => x.node.rule === 'MULTI_AGENCY');
      expect(multi.node.agencies).toHaveLength(2);
      expect(multi.node.steps.totalCount).toBe(1);
      expect(b.count).toBe(a.count);
    });
});
