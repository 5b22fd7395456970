// Helpers of the catalogue tests: a world on a clock the test moves, the catalogue's mutations through h.gql, and
// the events they wrote.
import { expect } from 'vitest';
import { rowCounts, type GqlJson } from '@zhifa/testkit';
import { createInspectionWorld, INSPECTION_ERR, type InspectionWorld } from './fixtures.js';

export interface ClockedWorld extends InspectionWorld {
  /** Sets the clock resolvers and units of work read. */
  at(iso: string | Date): void;
}

export async function createClockedWorld(startIso = '2026-03-10T02:00:00Z'): Promise<ClockedWorld> {
  let now = new Date(startIso);
  const w = await createInspectionWorld({ clock: () => now });
  return {
    ...w,
    at: (iso) => {
      now = new Date(iso);
    },
  };
}

export const ITEM_FIELDS = `id name basis domain year publishedAt publishedLate repealedAt
  matters { matter { id code } } agency { id }`;

export async function createItem(
  w: InspectionWorld,
  token: string,
  input: Partial<{ agencyId: string; name: string; basis: string; year: number; matterIds: string[] }> = {},
): Promise<GqlJson> {
  const res = await w.h.gql(
    `mutation($i: CreateInspectionItemInput!) { createInspectionItem(input: $i) {
      ${INSPECTION_ERR} ... on MutationCreateInspectionItemSuccess { data { ${ITEM_FIELDS} } } } }`,
    {
      i: {
        agencyId: w.agencyA.gid,
        name: '食品经营者落实主体责任情况检查',
        basis: '《中华人民共和国食品安全法》第一百一十条',
        year: 2026,
        matterIds: [w.matterA.gid],
        ...input,
      },
    },
    token,
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.createInspectionItem;
}

export async function itemStep(
  w: InspectionWorld,
  field: 'publishInspectionItem' | 'repealInspectionItem',
  itemId: string,
  token?: string,
): Promise<GqlJson> {
  const res = await w.h.gql(
    `mutation($i: ID!) { ${field}(itemId: $i) { ${INSPECTION_ERR}
      ... on ${field === 'publishInspectionItem' ? 'MutationPublishInspectionItemSuccess' : 'MutationRepealInspectionItemSuccess'} { data { ${ITEM_FIELDS} } } } }`,
    { i: itemId },
    token,
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data[field];
}

export const PLAN_FIELDS = `id year status basis subjects scope samplingBasisPoints frequencyPerYear method content
  filedAt filedLate publishedAt items { item { id } } agency { id }`;

export function planInput(w: InspectionWorld, over: Record<string, unknown> = {}) {
  return {
    itemIds: [w.itemA.gid],
    basis: '《优化营商环境条例》第五十四条；国办发〔2024〕54号',
    subjects: '阜宁县市场监督管理局及其派出机构',
    scope: '全县食品生产经营主体',
    samplingBasisPoints: 300,
    frequencyPerYear: 1,
    method: 'DOUBLE_RANDOM',
    content: '主体责任落实、进货查验记录、从业人员健康管理',
    ...over,
  };
}

export async function planMutation(
  w: InspectionWorld,
  field: string,
  args: string,
  vars: Record<string, unknown>,
  token?: string,
): Promise<GqlJson> {
  const success = `Mutation${field[0].toUpperCase()}${field.slice(1)}Success`;
  const params = Object.entries({ a: 'ID!', y: 'Int!', i: 'InspectionPlanInput!', p: 'ID!' })
    .filter(([k]) => k in vars)
    .map(([k, t]) => `$${k}: ${t}`)
    .join(', ');
  const res = await w.h.gql(
    `mutation(${params}) { ${field}(${args}) { ${INSPECTION_ERR} ... on ${success} { data { ${PLAN_FIELDS} } } } }`,
    vars,
    token,
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data[field];
}

export const createPlan = (w: InspectionWorld, token: string, over: Record<string, unknown> = {}, year = 2026) =>
  planMutation(
    w,
    'createInspectionPlan',
    'agencyId: $a, year: $y, input: $i',
    {
      a: w.agencyA.gid,
      y: year,
      i: planInput(w, over),
    },
    token,
  );

export const SCHEME_FIELDS = `id title status urgent urgentReason approvalDueAt approvalLate overdueAnnouncedAt
  requestedAt decidedAt decisionNote plan { id } items { item { id } } agency { id }`;

export async function requestScheme(w: InspectionWorld, token: string, over: Record<string, unknown> = {}) {
  const res = await w.h.gql(
    `mutation($i: RequestInspectionSchemeInput!) { requestInspectionScheme(input: $i) { ${INSPECTION_ERR}
      ... on MutationRequestInspectionSchemeSuccess { data { ${SCHEME_FIELDS} } } } }`,
    {
      i: {
        agencyId: w.agencyA.gid,
        title: '食品经营者专项检查方案',
        content: '检查内容：进货查验；方式：现场检查；人员：两名执法人员',
        itemIds: [w.itemA.gid],
        ...over,
      },
    },
    token,
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.requestInspectionScheme;
}

export async function decideScheme(
  w: InspectionWorld,
  field: 'approveInspectionScheme' | 'refuseInspectionScheme',
  schemeId: string,
  token: string | undefined,
  note?: string,
) {
  const success =
    field === 'approveInspectionScheme'
      ? 'MutationApproveInspectionSchemeSuccess'
      : 'MutationRefuseInspectionSchemeSuccess';
  const res = await w.h.gql(
    `mutation($s: ID!, $n: String${field === 'refuseInspectionScheme' ? '!' : ''}) { ${field}(schemeId: $s, note: $n) { ${INSPECTION_ERR}
      ... on ${success} { data { ${SCHEME_FIELDS} } } } }`,
    { s: schemeId, n: note ?? null },
    token,
  );
  return res;
}

/** Runs `fn` and expects it to have written nothing (no row in any table, no event). */
export async function writesNothing<T>(w: InspectionWorld, fn: () => Promise<T>): Promise<T> {
  const before = await rowCounts(w.h.db.prisma);
  const r = await fn();
  expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  return r;
}

export async function eventsOf(w: InspectionWorld, topic: string) {
  const rows = await w.h.db.prisma.event.findMany({ where: { topic }, orderBy: { id: 'asc' } });
  return rows.map((e) => ({
    payload: e.payload as Record<string, unknown>,
    agencyId: e.agencyId,
    enterpriseId: e.enterpriseId,
    public: e.public,
  }));
}
