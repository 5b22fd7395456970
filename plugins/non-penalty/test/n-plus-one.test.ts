// lists(first: N) → items(first: M) → list/agency must cost a fixed number of statements, whatever N and M.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '@zhifa/testkit';
import { createWorld, type World } from './fixtures.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
  const p = w.h.db.prisma;
  for (let l = 0; l < 25; l++) {
    const series = await p.listSeries.create({ data: { kind: 'NON_PENALTY' } });
    const list = await p.enforcementList.create({
      data: {
        kind: 'NON_PENALTY',
        seriesId: series.id,
        version: 1,
        title: `清单${l}`,
        domain: '市场监管',
        agencyId: l % 2 ? w.agencyA.id : w.agencyB.id,
        status: 'PUBLISHED',
        publishedAt: new Date(),
      },
    });
    await p.listItem.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        listId: list.id,
        seq: i + 1,
        domain: '市场监管',
        violation: `违法行为${i}`,
        violatedProvision: '依据',
        penaltyProvision: '处罚',
        applicableConditions: '情形',
        attributes: {
          itemKind: 'MINOR',
          conditions: ['MINOR_VIOLATION'],
          correctionDeadlineDays: 3,
          fineFenIfPenalised: null,
        },
      })),
    });
  }
});
afterAll(() => w?.h.close());

const QUERY = `query($n: Int!, $m: Int!) {
  nonPenaltyLists(first: $n) { totalCount edges { node { title agency { name } versions { version }
    items(first: $m, search: "违法") { totalCount edges { node { seq violation itemKind list { title } } } } } } }
}`;

async function statements(n: number, m: number) {
  // The event bus polls on the same client (PostgreSQL under load); its reads are not this query's.
  const { result: res, count } = await countStatements(w.h, () => w.h.gql(QUERY, { n, m }), {
    ignore: (q) => /^(BEGIN|COMMIT|ROLLBACK)/i.test(q.trim()),
  });
  expect(res.errors).toBeUndefined();
  expect(res.data.nonPenaltyLists.edges).toHaveLength(n);
  expect(res.data.nonPenaltyLists.edges[0].node.items.edges).toHaveLength(m);
  return count;
}

describe('N+1 guard', () => {
  it('statement count does not grow with page sizes', async () => {
    const small = await statements(2, 2);
    const large = await statements(20, 20);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(10);
  });
});
