// 交办 → 督办 → 整改 → 销号 through yoga.fetch: supervisors assign, supervise, return and close with comments and
// deadlines (default ZHIFA_INSPECTIONS_WARNING_DAYS), the answerable agency's officer reports rectification; each
// step is an immutable step row and an INSPECTION_WARNING_CHANGED event; an illegal step is INSPECTION_WARNING_STATE
// and writes nothing; a deadline is after now and at most 365 days ahead (boundaries on a fixed clock); who may
// take each step; the list and its filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefused, expectTyped, gid, idOf, rowCounts, type GqlJson } from '@zhifa/testkit';
import { INSPECTION_ERR } from './fixtures.js';
import { at, createWarningWorld, recordVisit, visitOf, type WarningWorld } from './warning-helpers.js';

const NOW = at('2026-12-01T02:00:00Z');
const DAY = 86_400_000;
let w: WarningWorld;
let unfiledA: string;
let multi: string;
let multiId: number;
beforeAll(async () => {
  w = await createWarningWorld({ warningDays: 10 }, () => NOW);
  // A's visit without a filing (UNFILED, A answerable), then B's the next day (UNFILED for B, MULTI_AGENCY with B
  // answerable and A named).
  const a = await recordVisit(w, visitOf(w, 'A', at('2026-11-20T02:00:00Z')));
  const b = await recordVisit(w, visitOf(w, 'B', at('2026-11-21T02:00:00Z')));
  unfiledA = gid('InspectionWarning', a.warningIds[0]);
  const m = await w.h.db.prisma.inspectionWarning.findFirstOrThrow({ where: { rule: 'MULTI_AGENCY' } });
  expect(b.warningIds).toContain(m.id);
  multiId = m.id;
  multi = gid('InspectionWarning', m.id);
});
afterAll(() => w?.h.close());

const FIELDS = `id rule status dueAt closedAt overdue agency { id } agencies { id } basis basisEn evidence visitIds
  steps(first: 10) { totalCount edges { node { status comment dueAt actor at } } }`;
const step = (field: string, deadline: boolean) =>
  `mutation($w: ID!, $c: String!${deadline ? ', $d: DateTime' : ''}) { r: ${field}(warningId: $w, comment: $c${
    deadline ? ', dueAt: $d' : ''
  }) { ${INSPECTION_ERR} ... on Mutation${field[0].toUpperCase()}${field.slice(1)}Success { data { ${FIELDS} } } } }`;
const M = {
  assign: step('assignInspectionWarning', true),
  supervise: step('superviseInspectionWarning', true),
  rectify: step('rectifyInspectionWarning', false),
  close: step('closeInspectionWarning', false),
  ret: step('returnInspectionWarning', true),
};

async function run(m: keyof typeof M, warning: string, token: string, vars: Record<string, unknown> = {}) {
  const res = await w.h.gql(M[m], { w: warning, c: '请核查并说明情况', ...vars }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.r;
}
const ok = async (m: keyof typeof M, warning: string, token: string, vars: Record<string, unknown> = {}) =>
  expectTyped(
    await run(m, warning, token, vars),
    `Mutation${M[m].match(/r: (\w+)/)![1].replace(/^./, (c) => c.toUpperCase())}Success`,
  ).data;

const counted = () => rowCounts(w.h.db.prisma, ['InspectionWarningStep', 'InspectionWarning', 'Event']);
const changes = () =>
  w.h.db.prisma.event.findMany({ where: { topic: 'inspections.warningChanged' }, orderBy: { id: 'asc' } });

describe('交办 → 整改 → 退回 → 整改 → 销号', () => {
  it('walks the warning to its end, each step recorded and announced', async () => {
    const sup = w.tokens.supervisor;
    const assigned = await ok('assign', unfiledA, sup);
    expect(assigned).toMatchObject({ status: 'ASSIGNED', dueAt: new Date(NOW.getTime() + 10 * DAY).toISOString() });
    expect(assigned.basis).toContain('应报备未报备');
    expect(assigned.basisEn).toContain('unfiled');
    expect(assigned.agency.id).toBe(w.agencyA.gid);
    const rectified = await ok('rectify', unfiledA, w.tokens.officerA);
    expect(rectified).toMatchObject({ status: 'RECTIFIED', dueAt: null });
    const due = new Date(NOW.getTime() + 3 * DAY).toISOString();
    expect(await ok('ret', unfiledA, sup, { d: due })).toMatchObject({ status: 'ASSIGNED', dueAt: due });
    await ok('rectify', unfiledA, w.tokens.officerA);
    const closed = await ok('close', unfiledA, sup);
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: NOW.toISOString(), dueAt: null });
    expect(closed.steps.totalCount).toBe(5);
    expect(closed.steps.edges.map((e: GqlJson) => e.node.status)).toEqual([
      'ASSIGNED',
      'RECTIFIED',
      'ASSIGNED',
      'RECTIFIED',
      'CLOSED',
    ]);
    expect(closed.steps.edges[2].node).toMatchObject({
      dueAt: due,
      comment: '请核查并说明情况',
      at: NOW.toISOString(),
    });
    const events = (await changes()).filter((e) => (e.payload as { warningId: number }).warningId !== multiId);
    expect(events.map((e) => [e.agencyId, (e.payload as { status: string }).status])).toEqual(
      ['ASSIGNED', 'RECTIFIED', 'ASSIGNED', 'RECTIFIED', 'CLOSED'].map((s) => [w.agencyA.id, s]),
    );
  });

  it('督办: assigned or supervised, with a new deadline; a return goes back to SUPERVISED', async () => {
    const sup = w.tokens.supervisor;
    await ok('assign', multi, sup);
    const d1 = new Date(NOW.getTime() + 5 * DAY).toISOString();
    expect(await ok('supervise', multi, sup, { d: d1 })).toMatchObject({ status: 'SUPERVISED', dueAt: d1 });
    expect(await ok('supervise', multi, sup)).toMatchObject({
      status: 'SUPERVISED',
      dueAt: new Date(NOW.getTime() + 10 * DAY).toISOString(),
    });
    // The answerable agency (B) reports; A, named but not answerable, may read and not report.
    const byA = await run('rectify', multi, w.tokens.officerA);
    expectTyped(byA, 'ForbiddenError', { code: 'FORBIDDEN' });
    await ok('rectify', multi, w.tokens.officerB);
    expect(await ok('ret', multi, sup)).toMatchObject({ status: 'SUPERVISED' });
  });
});

describe('refusals write nothing', () => {
  it('an illegal step is INSPECTION_WARNING_STATE, naming the statuses that allow it', async () => {
    const fresh = await recordVisit(w, visitOf(w, 'A', at('2026-11-25T02:00:00Z'), { enterpriseId: w.enterprise2.id }));
    const id = gid('InspectionWarning', fresh.warningIds[0]);
    const before = await counted();
    for (const m of ['rectify', 'close', 'ret', 'supervise'] as const) {
      const r = await run(m, id, m === 'rectify' ? w.tokens.officerA : w.tokens.supervisor);
      expectTyped(r, 'RuleViolation', {
        rule: 'INSPECTION_WARNING_STATE',
        zh: '方案任务15',
        en: 'county plan task 15',
      });
    }
    await ok('assign', id, w.tokens.supervisor);
    const afterAssign = await counted();
    expectTyped(await run('assign', id, w.tokens.supervisor), 'RuleViolation', {
      rule: 'INSPECTION_WARNING_STATE',
      zh: '已交办',
      en: 'assigned',
    });
    expectTyped(await run('close', id, w.tokens.supervisor), 'RuleViolation', { rule: 'INSPECTION_WARNING_STATE' });
    expect(await counted()).toEqual(afterAssign);
    expect(afterAssign.InspectionWarningStep).toBe(before.InspectionWarningStep + 1);
  });

  it('a deadline after now (now refused, 1 ms later allowed) and at most 365 days ahead (365 d allowed, + 1 ms refused)', async () => {
    const fresh = await recordVisit(w, visitOf(w, 'B', at('2026-11-26T02:00:00Z'), { enterpriseId: w.enterprise2.id }));
    const id = gid('InspectionWarning', fresh.warningIds[0]);
    const before = await counted();
    for (const d of [NOW, new Date(NOW.getTime() + 365 * DAY + 1)]) {
      const r = await run('assign', id, w.tokens.supervisor, { d: d.toISOString() });
      expectTyped(r, 'ValidationError', { code: 'VALIDATION_FAILED' });
      expect(r.issues[0].path).toEqual(['dueAt']);
    }
    const empty = await run('assign', id, w.tokens.supervisor, { c: '  ' });
    expectTyped(empty, 'ValidationError');
    expect(await counted()).toEqual(before);
    await ok('assign', id, w.tokens.supervisor, { d: new Date(NOW.getTime() + 1).toISOString() });
    await ok('supervise', id, w.tokens.supervisor, { d: new Date(NOW.getTime() + 365 * DAY).toISOString() });
  });
});

describe('who may take each step', () => {
  it('supervisors assign, supervise, return and close; the answerable agency’s officers report; others are refused', async () => {
    const fresh = await recordVisit(w, visitOf(w, 'A', at('2026-11-27T02:00:00Z'), { enterpriseId: w.enterprise2.id }));
    const id = gid('InspectionWarning', fresh.warningIds[0]);
    const before = await counted();
    // Agency A's officer reads the warning and may not assign it; B's cannot read it: unknown to them.
    expectTyped(await run('assign', id, w.tokens.officerA), 'ForbiddenError');
    expectTyped(await run('assign', id, w.tokens.officerB), 'NotFoundError');
    expectTyped(await run('assign', id, w.tokens.enterprise), 'NotFoundError');
    expectTyped(await run('assign', id, w.headA.token), 'ForbiddenError');
    expectTyped(await run('assign', id, w.specialSupervisor.token), 'NotFoundError');
    const pub = await w.h.gql(M.assign, { w: id, c: '意见' });
    expect(JSON.stringify(pub)).toContain('UNAUTHENTICATED');
    await ok('assign', id, w.tokens.supervisor);
    expectTyped(await run('rectify', id, w.tokens.supervisor), 'ForbiddenError');
    expectTyped(await run('rectify', id, w.tokens.officerB), 'NotFoundError');
    expectTyped(await run('rectify', id, w.tokens.auxiliaryA), 'ForbiddenError');
    expect((await counted()).InspectionWarningStep).toBe(before.InspectionWarningStep + 1);
    await ok('rectify', id, w.tokens.adminA);
  });
});

describe('inspectionWarnings', () => {
  const Q = `query($rule: InspectionWarningRule, $status: InspectionWarningStatus, $a: ID, $e: ID) {
    inspectionWarnings(rule: $rule, status: $status, agencyId: $a, enterpriseId: $e, first: 100) {
      totalCount edges { node { id rule status agency { id } } } } }`;
  const list = async (vars: Record<string, unknown>, token: string) => {
    const res = await w.h.gql(Q, vars, token);
    expect(res.errors).toBeUndefined();
    return res.data.inspectionWarnings;
  };

  it('filters by rule, status, agency named and enterprise; an agency sees those naming it', async () => {
    const all = await w.h.db.prisma.inspectionWarning.findMany({ orderBy: { id: 'asc' } });
    const sup = w.tokens.supervisor;
    expect((await list({}, sup)).totalCount).toBe(all.length);
    const multis = all.filter((x) => x.rule === 'MULTI_AGENCY').map((x) => gid('InspectionWarning', x.id));
    expect(multis).toContain(multi);
    expect((await list({ rule: 'MULTI_AGENCY' }, sup)).edges.map((e: GqlJson) => e.node.id)).toEqual(multis.reverse());
    expect((await list({ status: 'CLOSED' }, sup)).edges.map((e: GqlJson) => e.node.id)).toEqual([unfiledA]);
    const named = all.filter((x) => x.agencyIds.includes(w.agencyA.id));
    expect((await list({ a: w.agencyA.gid }, sup)).totalCount).toBe(named.length);
    expect((await list({}, w.tokens.officerA)).totalCount).toBe(named.length);
    expect((await list({ e: w.enterprise2.gid }, sup)).totalCount).toBe(
      all.filter((x) => x.enterpriseId === w.enterprise2.id).length,
    );
    const ids = (await list({}, sup)).edges.map((e: GqlJson) => idOf(e.node.id as string));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('another agency’s list, an enterprise and the public are refused', async () => {
    expectRefused(await w.h.gql(Q, { a: w.agencyA.gid }, w.tokens.officerB), 'inspectionWarnings', 'FORBIDDEN');
    expectRefused(await w.h.gql(Q, {}, w.tokens.enterprise), 'inspectionWarnings', 'FORBIDDEN');
    expectRefused(await w.h.gql(Q, {}), 'inspectionWarnings', 'UNAUTHENTICATED');
  });
});
