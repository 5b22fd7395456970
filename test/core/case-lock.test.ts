// lockCase reads the case with one raw `SELECT … FOR UPDATE` instead of a lock and a findUnique:
// its row must be exactly what findUnique answers (enums, BigInt fen, dates, nulls), on PGlite and
// PostgreSQL alike, or guards and events would see a differently typed case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '@zhifa/core';
import { lockCase } from '@zhifa/core/cases';
import { createHarness, type Harness } from '@zhifa/testkit';
import { createEnterprise, directCase, seedCounty, type County } from './case-fixtures.js';

let h: Harness;
let s: County;
beforeAll(async () => {
  h = await createHarness();
  s = await seedCounty(h);
});
afterAll(() => h?.close());

describe('lockCase', () => {
  it('answers the row findUnique answers, every column set or null', async () => {
    const shop = await createEnterprise(h, '阜宁县锁测超市');
    const full = await directCase(h, s.market.id, shop.id, [s.people.o1.id, s.people.o2.id], 'LEGAL_REVIEW', {
      matterId: s.matters.food.id,
      violationOn: new Date('2026-03-01T00:00:00Z'),
      serious: true,
      registeredBy: 'person:1',
    });
    await h.db.prisma.enforcementCase.update({
      where: { id: full.id },
      data: {
        decision: 'PENALTY',
        fineFen: 9_007_199_254_740_993n,
        confiscationFen: 120_000n,
        illegalGainsFen: 1n,
        decidedAt: new Date('2026-03-05T08:09:10.123Z'),
        closedAt: new Date('2026-03-06T00:00:00Z'),
        deadlineOn: new Date('2026-05-30T00:00:00Z'),
        decisionNumber: '阜市监罚〔2026〕99号',
        decidedBy: 'person:2',
        ground: 'OTHER',
        groundNote: '说明',
        mitigatingCircumstance: '从轻',
        decisionReason: '理由',
      },
    });
    const bare = await directCase(h, s.market.id, null, []);
    for (const id of [full.id, bare.id]) {
      const expected = await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id } });
      const locked = await h.db.prisma.$transaction((tx) => lockCase(tx, id));
      expect(locked).toStrictEqual(expected);
    }
  });

  it('refuses a case that does not exist', async () => {
    await expect(h.db.prisma.$transaction((tx) => lockCase(tx, 2_000_000_000))).rejects.toBeInstanceOf(NotFoundError);
  });
});
