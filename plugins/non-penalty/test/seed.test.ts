import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pluginSeedContext, seedDemoData } from '../../../packages/server/src/seed/index.js';
import { createHarness, type Harness, type GqlJson } from '@zhifa/testkit';
import { nonPenaltyPlugin } from '../src/index.js';
import { DEMO_GRANTS } from '../src/seed.js';
import { parseListCsv } from './csv-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ plugins: [nonPenaltyPlugin] });
});
afterAll(() => h?.close());

describe('demo data', () => {
  it('skips lists whose agency is absent', async () => {
    const lines: string[] = [];
    await nonPenaltyPlugin.seed!(pluginSeedContext(h.db.prisma, nonPenaltyPlugin, { log: (l) => void lines.push(l) }));
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.includes('跳过'))).toBe(true);
    expect(await h.db.prisma.enforcementList.count()).toBe(0);
  });

  it('seeds three published lists of 10–20 items on the core demo data; their CSV imports back', async () => {
    await seedDemoData(h.db.prisma, { plugins: [nonPenaltyPlugin] });
    const res =
      await h.gql(`{ nonPenaltyLists(first: 10, status: PUBLISHED) { edges { node { domain version inForce agency { name } csv
      items(first: 1) { totalCount } versions { version status } } } } }`);
    expect(res.errors).toBeUndefined();
    const lists = res.data.nonPenaltyLists.edges.map((e: GqlJson) => e.node);
    expect(lists.map((l: GqlJson) => l.domain).sort()).toEqual(['交通运输', '市场监管', '生态环境']);
    for (const l of lists) {
      expect(l.items.totalCount).toBeGreaterThanOrEqual(10);
      expect(l.items.totalCount).toBeLessThanOrEqual(20);
      expect(parseListCsv(l.csv, { defaultDomain: l.domain })).toHaveLength(l.items.totalCount);
    }
    const market = lists.find((l: GqlJson) => l.domain === '市场监管');
    expect(market.versions).toEqual([
      { version: 2, status: 'PUBLISHED' },
      { version: 1, status: 'REPEALED' },
    ]);
    const search = await h.gql(
      `{ nonPenaltyListItems(first: 5, search: "道路运输证件") { edges { node { violation itemKind correctionDeadlineDays fineFenIfPenalised } } } }`,
    );
    expect(search.data.nonPenaltyListItems.edges[0].node).toEqual({
      violation: '道路运输证件未随车携带',
      itemKind: 'MINOR',
      correctionDeadlineDays: 0,
      fineFenIfPenalised: 20000,
    });
  });

  it('grants no penalty on a few demo cases in legal review, through the rules, consistently', async () => {
    const p = h.db.prisma;
    const decisions = await p.nonPenaltyDecision.findMany({ include: { case: true, item: true, list: true } });
    expect(decisions.length).toBeGreaterThanOrEqual(3);
    expect(decisions.length).toBeLessThanOrEqual(DEMO_GRANTS);
    for (const d of decisions) {
      expect(d.case).toMatchObject({
        stage: 'DECIDED',
        decision: 'NO_PENALTY',
        fineFen: null,
        partyKind: 'ENTERPRISE',
        agencyId: d.agencyId,
      });
      expect(d.case.decidedAt?.getTime()).toBe(d.decidedAt.getTime());
      expect(d.list.status).toBe('PUBLISHED');
      expect(d.listVersion).toBe(d.list.version);
      expect((d.evaluation as GqlJson).eligible).toBe(true);
    }
    const events = await p.event.count({ where: { topic: 'nonPenalty.granted' } });
    expect(events).toBe(decisions.length);
    // Items whose 违法依据 is a published demo matter's point at it, and a grant relies on one.
    const items = await p.listItem.findMany({
      where: { list: { status: 'PUBLISHED' } },
      select: { attributes: true, violatedProvision: true },
    });
    const pointing = items.filter((i) => typeof (i.attributes as GqlJson).matterCode === 'string');
    expect(pointing.length).toBeGreaterThan(0);
    for (const i of pointing) {
      const m = await p.enforcementMatter.findUniqueOrThrow({ where: { code: (i.attributes as GqlJson).matterCode } });
      expect(m.published).toBe(true);
    }
    expect(
      decisions.some((d) => typeof (d.item.attributes as GqlJson).matterCode === 'string' && d.case.matterId !== null),
    ).toBe(true);
  });
});
