// Two agencies record visits at one enterprise at the same moment through the API (recordInspectionVisit over
// yoga.fetch, two requests in flight together, several rounds): 多头检查 is raised exactly once per round — the visit
// service takes the enterprise's lock before it writes, so the second sees the first (on PostgreSQL in CI's second
// pass, where the requests really run concurrently; warnings-raise.test.ts shows the same race without the lock fails).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '@zhifa/core/rules';
import { codeOf, createVisitWorld, VISIT, type VisitWorld } from './visit-helpers.js';

let w: VisitWorld;
beforeAll(async () => {
  w = await createVisitWorld();
});
afterAll(() => w?.h.close());

const ROUNDS = 3;

describe('两个单位同时入企 two agencies at one enterprise at once', () => {
  it('raise 多头检查 once per enterprise, however the requests interleave', async () => {
    const p = w.h.db.prisma;
    for (let round = 0; round < ROUNDS; round++) {
      const e = await p.enterprise.create({
        data: {
          uscc: completeUscc(
            `91320923MA3R${String(process.pid % 1000).padStart(3, '0')}${String(round).padStart(2, '0')}`,
          ),
          name: `并发检查企业${round}`,
          kind: 'COMPANY',
          legalRepresentative: '某',
          address: '阜宁县',
          industry: '食品',
          scale: 'SMALL',
          employees: 5,
          creditRiskClass: 'C',
        },
      });
      const code = await codeOf(w, w.h.token(`enterprise:${e.id}`));
      const [a, b] = await Promise.all([
        w.h.gql(VISIT, { code, o: [w.people.officerA.gid, w.officerA2.gid], i: [w.itemA.gid] }, w.tokens.officerA),
        w.h.gql(VISIT, { code, o: [w.people.officerB.gid, w.officerB2.gid], i: [w.itemB.gid] }, w.tokens.officerB),
      ]);
      expect(a.data.recordInspectionVisit.__typename).toBe('MutationRecordInspectionVisitSuccess');
      expect(b.data.recordInspectionVisit.__typename).toBe('MutationRecordInspectionVisitSuccess');
      const multi = await p.inspectionWarning.findMany({ where: { enterpriseId: e.id, rule: 'MULTI_AGENCY' } });
      expect(multi).toHaveLength(1);
      expect([...multi[0].agencyIds].sort((x, y) => x - y)).toEqual([w.agencyA.id, w.agencyB.id].sort((x, y) => x - y));
      expect(await p.inspectionWarning.count({ where: { enterpriseId: e.id, rule: 'UNFILED' } })).toBe(2);
      expect(
        await p.event.count({
          where: { topic: 'inspections.warningRaised', payload: { path: ['warningId'], equals: multi[0].id } },
        }),
      ).toBe(1);
    }
  });
});
