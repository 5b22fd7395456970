// The N+1 guard: `cases { flexibleBasis { … lighterItem { … } } measureChecks { … } }` costs the same number of
// SQL statements for 2 cases as for 20 — the cited item is selected with the citation, the checks are one
// relation connection for the page (plugin-prisma), their items and measures batched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, createMatter, gid, type GqlJson } from '@zhifa/testkit';
import { createWorld } from './fixtures.js';
import { investigatingCase, noCompulsoryList, withSecondOfficer, type MeasureWorld } from './measure-fixtures.js';

let w: MeasureWorld;
beforeAll(async () => {
  w = await withSecondOfficer(await createWorld());
});
afterAll(() => w?.h.close());

let usccSeq = 0;

/** An enterprise with `n` cases, each citing a LIGHTER item and carrying a WAIVED and a JUSTIFIED check. */
async function enterpriseWithCases(n: number) {
  const p = w.h.db.prisma;
  usccSeq++;
  const e = await p.enterprise.create({
    data: {
      uscc: `91320923F${String(process.pid % 1000).padStart(3, '0')}${String(usccSeq).padStart(5, '0')}X`,
      name: `柔性执法测试企业${usccSeq}`,
      kind: 'COMPANY',
      legalRepresentative: '李某',
      address: '阜宁县阜城街道',
      industry: '食品制造',
      scale: 'SMALL',
      employees: 40,
      creditRiskClass: 'B',
    },
  });
  const matter = await createMatter(p);
  const { list, item } = await noCompulsoryList(w, matter.code);
  const series = await p.listSeries.create({ data: { kind: 'LIGHTER' } });
  const lighter = await p.enforcementList.create({
    data: {
      kind: 'LIGHTER',
      seriesId: series.id,
      version: 1,
      title: '从轻处罚测试清单',
      domain: '市场监管',
      agencyId: w.agencyA.id,
      status: 'PUBLISHED',
      publishedAt: new Date(),
    },
  });
  const lighterItem = await p.listItem.create({
    data: {
      listId: lighter.id,
      seq: 1,
      domain: '市场监管',
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      applicableConditions: '主动改正的',
      attributes: { matterCode: matter.code, exclusions: null, fineMinFen: null, fineMaxFen: null },
    },
  });
  for (let i = 0; i < n; i++) {
    const caseId = await investigatingCase(w, matter.id, e.id);
    await p.flexibleDecisionBasis.create({
      data: {
        caseId,
        agencyId: w.agencyA.id,
        decision: 'LIGHTER',
        itemId: lighterItem.id,
        listId: lighter.id,
        listVersion: 1,
        domain: '市场监管',
        circumstance: 'ELIMINATED_HARM',
        exclusionsAbsent: true,
        decidedBy: 'system:test',
        decidedAt: new Date(),
      },
    });
    const measure = await p.compulsoryMeasure.create({
      data: { caseId, kind: 'SEIZURE', object: '货物', recordedBy: 'system:test' },
    });
    const check = {
      caseId,
      agencyId: w.agencyA.id,
      itemId: item.id,
      listId: list.id,
      listVersion: 1,
      recordedBy: 'system:test',
      recordedAt: new Date(),
    };
    await p.compulsoryMeasureCheck.createMany({
      data: [
        { ...check, measureKind: 'SEAL_UP', outcome: 'WAIVED', note: '依清单不予查封' },
        {
          ...check,
          measureKind: 'SEIZURE',
          outcome: 'JUSTIFIED',
          justification: '存在转移风险',
          measureId: measure.id,
        },
      ],
    });
  }
  return { gid: gid('Enterprise', e.id) };
}

const QUERY = `query($e: ID!) { cases(enterpriseId: $e, first: 100) { edges { node { number
  flexibleBasis { decision listVersion circumstance lighterItem { seq violation list { title } } mitigatedItem { seq } }
  measureChecks(first: 5) { totalCount edges { node { outcome measureKind approvedBy
    item { seq measureKind list { title } } measure { kind status } } } } } } } }`;

describe('N+1', () => {
  it('cases { flexibleBasis { lighterItem mitigatedItem } measureChecks }: the same statements for 2 cases as for 20', async () => {
    const small = await enterpriseWithCases(2);
    const large = await enterpriseWithCases(20);
    const run = (e: { gid: string }) => countStatements(w.h, () => w.h.gql(QUERY, { e: e.gid }, w.tokens.officerA));
    await run(small); // the caller's first request reads who they are; later ones do not
    const a = await run(small);
    const b = await run(large);
    expect(b.result.errors).toBeUndefined();
    const edges = b.result.data.cases.edges as GqlJson[];
    expect(edges).toHaveLength(20);
    expect(edges[0].node.flexibleBasis).toMatchObject({
      decision: 'LIGHTER',
      lighterItem: { seq: 1, list: { title: '从轻处罚测试清单' } },
      mitigatedItem: null,
    });
    expect(edges[0].node.measureChecks).toMatchObject({
      totalCount: 2,
      edges: [
        { node: { outcome: 'WAIVED', measure: null, item: { seq: 1, measureKind: 'SEAL_UP' } } },
        { node: { outcome: 'JUSTIFIED', measure: { kind: 'SEIZURE', status: 'IN_FORCE' } } },
      ],
    });
    expect(b.count).toBe(a.count);
    expect(b.count).toBeLessThanOrEqual(3);
  });
});
