// N+1 guard: a page of plans, schemes and items with their nested items and matters costs the same statements for 2
// rows as for 12 (plugin-prisma selects the nested lists within the page's query).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '@zhifa/testkit';
import { createInspectionWorld, type InspectionWorld } from './fixtures.js';

let w: InspectionWorld;
beforeAll(async () => {
  w = await createInspectionWorld();
});
afterAll(() => w?.h.close());

async function addRows(from: number, to: number) {
  const p = w.h.db.prisma;
  for (let year = from; year < to; year++) {
    const item = await p.inspectionItem.create({
      data: {
        agencyId: w.agencyA.id,
        name: `检查事项${year}`,
        basis: '依据',
        domain: '市场监管',
        year,
        publishedAt: new Date(),
        publishedBy: 'system:test',
        createdBy: 'system:test',
        createdAt: new Date(),
        matters: { create: [{ matterId: w.matterA.id }] },
      },
    });
    await p.inspectionPlan.create({
      data: {
        agencyId: w.agencyA.id,
        year,
        basis: '依据',
        subjects: '主体',
        scope: '范围',
        samplingBasisPoints: 100,
        frequencyPerYear: 1,
        method: 'ON_SITE',
        content: '内容',
        createdBy: 'system:test',
        createdAt: new Date(),
        items: { create: [{ itemId: item.id }, { itemId: w.itemA.id }] },
      },
    });
    await p.inspectionScheme.create({
      data: {
        agencyId: w.agencyA.id,
        title: `方案${year}`,
        content: '内容',
        requestedBy: 'system:test',
        requestedAt: new Date(),
        items: { create: [{ itemId: item.id }] },
      },
    });
  }
}

const QUERY = `{
  inspectionPlans(first: 100) { edges { node { id agency { name } items { item { name matters { matter { code } } } } } } }
  inspectionSchemes(first: 100) { edges { node { id plan { year } items { item { name agency { name } } } } } }
  inspectionItems(first: 100) { edges { node { id matters { matter { code } } agency { name } } } }
}`;

describe('nested catalogue lists', () => {
  it('cost the same for 2 rows as for 12', async () => {
    await addRows(2020, 2022);
    await w.h.gql(QUERY, {}, w.tokens.supervisor); // warm: the first request reads what later ones have cached
    const small = await countStatements(w.h, () => w.h.gql(QUERY, {}, w.tokens.supervisor));
    expect(small.result.errors).toBeUndefined();
    expect(small.result.data.inspectionPlans.edges).toHaveLength(2);
    await addRows(2022, 2032);
    const large = await countStatements(w.h, () => w.h.gql(QUERY, {}, w.tokens.supervisor));
    expect(large.result.data.inspectionPlans.edges).toHaveLength(12);
    expect(large.count).toBe(small.count);
  });
});
