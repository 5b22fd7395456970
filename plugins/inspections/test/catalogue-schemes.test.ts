// 检查方案 through the API (county plan task 5): requested by the agency's staff on its published items and its own
// plan; approved or refused by the agency head only (the AGENCY_HEAD — an agency admin and another agency's head are
// refused: 不得仅由内设机构负责人批准); an urgent scheme states why, is approved afterwards within urgentApprovalHours
// (the deadline instant on time, a millisecond later late), and the sweep announces a missed deadline once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTyped, gid, type GqlJson } from '@zhifa/testkit';
import {
  createClockedWorld,
  createPlan,
  decideScheme,
  eventsOf,
  requestScheme,
  writesNothing,
  type ClockedWorld,
} from './catalogue-helpers.js';

let w: ClockedWorld;
let officerA: string;
let headA: string;
let headB: string;
beforeAll(async () => {
  w = await createClockedWorld('2026-05-01T02:00:00Z');
  officerA = w.h.token(`person:${w.people.officerA.id}`);
  headA = w.h.token(`person:${w.headA.id}`);
  headB = w.h.token(`person:${w.headB.id}`);
});
afterAll(() => w?.h.close());

const schemeEvents = async (schemeGid: string) =>
  (await eventsOf(w, 'inspections.schemeChanged'))
    .filter((e) => gid('InspectionScheme', e.payload.schemeId as number) === schemeGid)
    .map((e) => ({ action: e.payload.action, agencyId: e.agencyId, public: e.public, urgent: e.payload.urgent }));

describe('requesting a scheme', () => {
  it('an officer requests one on the agency’s items and plan; pending, no deadline; an event to the agency', async () => {
    const plan = expectTyped(await createPlan(w, officerA), 'MutationCreateInspectionPlanSuccess').data;
    const s = expectTyped(
      await requestScheme(w, officerA, { planId: plan.id }),
      'MutationRequestInspectionSchemeSuccess',
    ).data;
    expect(s).toMatchObject({
      status: 'PENDING',
      urgent: false,
      urgentReason: null,
      approvalDueAt: null,
      approvalLate: false,
      plan: { id: plan.id },
      items: [{ item: { id: w.itemA.gid } }],
    });
    expect(await schemeEvents(s.id)).toEqual([
      { action: 'REQUESTED', agencyId: w.agencyA.id, public: false, urgent: false },
    ]);
    const list = async (token: string) =>
      (
        (await w.h.gql(`{ inspectionSchemes(status: PENDING) { edges { node { id } } } }`, {}, token)).data
          .inspectionSchemes.edges as GqlJson[]
      ).map((e) => e.node.id);
    expect(await list(w.tokens.supervisor)).toContain(s.id);
    expect(await list(headA)).toContain(s.id);
    expect(await list(w.tokens.officerB)).not.toContain(s.id);
    const pub = await w.h.gql(`{ inspectionSchemes { totalCount } }`);
    expect(pub.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses another agency’s item or plan, an urgent scheme without its reason, and another agency’s officer', async () => {
    expectTyped(await writesNothing(w, () => requestScheme(w, officerA, { itemIds: [w.itemB.gid] })), 'RuleViolation', {
      rule: 'INSPECTION_SCHEME_ITEMS',
    });
    const planB = await w.h.db.prisma.inspectionPlan.create({
      data: {
        agencyId: w.agencyB.id,
        year: 2026,
        basis: '依据',
        subjects: '主体',
        scope: '范围',
        samplingBasisPoints: 100,
        frequencyPerYear: 1,
        method: 'ON_SITE',
        content: '内容',
        createdBy: 'system:test',
        createdAt: new Date(),
      },
    });
    expectTyped(
      await writesNothing(w, () => requestScheme(w, officerA, { planId: gid('InspectionPlan', planB.id) })),
      'RuleViolation',
      { rule: 'INSPECTION_SCHEME_PLAN' },
    );
    for (const urgentReason of [null, '   ']) {
      const r = expectTyped(
        await writesNothing(w, () => requestScheme(w, officerA, { urgent: true, urgentReason })),
        'ValidationError',
      );
      expect(r.issues[0].path).toEqual(['input', 'urgentReason']);
    }
    expectTyped(await writesNothing(w, () => requestScheme(w, w.tokens.officerB)), 'ForbiddenError');
  });
});

describe('the head decides', () => {
  it('only the agency head: its admin, its officer, a supervisor and another agency’s head are refused; the head approves once', async () => {
    const s = expectTyped(await requestScheme(w, officerA), 'MutationRequestInspectionSchemeSuccess').data;
    for (const token of [w.tokens.adminA, officerA, w.tokens.supervisor]) {
      const r = (await writesNothing(w, () => decideScheme(w, 'approveInspectionScheme', s.id, token))).data
        .approveInspectionScheme;
      expectTyped(r, 'ForbiddenError', { zh: '内设机构负责人', en: 'head' });
    }
    const other = (await writesNothing(w, () => decideScheme(w, 'approveInspectionScheme', s.id, headB))).data;
    expectTyped(other.approveInspectionScheme, 'NotFoundError');
    const ok = (await decideScheme(w, 'approveInspectionScheme', s.id, headA, '同意')).data.approveInspectionScheme;
    expect(expectTyped(ok, 'MutationApproveInspectionSchemeSuccess').data).toMatchObject({
      status: 'APPROVED',
      decisionNote: '同意',
      decidedAt: '2026-05-01T02:00:00.000Z',
      approvalLate: false,
    });
    for (const field of ['approveInspectionScheme', 'refuseInspectionScheme'] as const) {
      const again = (await writesNothing(w, () => decideScheme(w, field, s.id, headA, '再议'))).data[field];
      expectTyped(again, 'RuleViolation', { rule: 'INSPECTION_SCHEME_STATE', zh: '已批准' });
    }
    expect((await schemeEvents(s.id)).map((e) => e.action)).toEqual(['REQUESTED', 'APPROVED']);
  });

  it('a refusal says why', async () => {
    const s = expectTyped(await requestScheme(w, officerA), 'MutationRequestInspectionSchemeSuccess').data;
    const blank = (await writesNothing(w, () => decideScheme(w, 'refuseInspectionScheme', s.id, headA, '  '))).data;
    expect(expectTyped(blank.refuseInspectionScheme, 'ValidationError').issues[0].path).toEqual(['note']);
    const refused = (await decideScheme(w, 'refuseInspectionScheme', s.id, headA, '检查事项与方案内容不符')).data;
    expect(expectTyped(refused.refuseInspectionScheme, 'MutationRefuseInspectionSchemeSuccess').data).toMatchObject({
      status: 'REFUSED',
      decisionNote: '检查事项与方案内容不符',
    });
  });
});

describe('urgent schemes', () => {
  it('approved at the deadline is on time; a millisecond later is late', async () => {
    w.at('2026-05-01T02:00:00Z');
    const urgent = { urgent: true, urgentReason: '群众举报存在重大安全隐患，需立即检查' };
    const a = expectTyped(await requestScheme(w, officerA, urgent), 'MutationRequestInspectionSchemeSuccess').data;
    const b = expectTyped(await requestScheme(w, officerA, urgent), 'MutationRequestInspectionSchemeSuccess').data;
    expect(a).toMatchObject({
      urgent: true,
      urgentReason: urgent.urgentReason,
      approvalDueAt: '2026-05-02T02:00:00.000Z',
    });
    w.at('2026-05-02T02:00:00.000Z');
    const onTime = (await decideScheme(w, 'approveInspectionScheme', a.id, headA)).data.approveInspectionScheme;
    expect(expectTyped(onTime, 'MutationApproveInspectionSchemeSuccess').data.approvalLate).toBe(false);
    w.at('2026-05-02T02:00:00.001Z');
    const late = (await decideScheme(w, 'approveInspectionScheme', b.id, headA)).data.approveInspectionScheme;
    expect(expectTyped(late, 'MutationApproveInspectionSchemeSuccess').data.approvalLate).toBe(true);
  });

  it('the sweep announces a missed deadline once: not at the deadline, once after it, never again', async () => {
    w.at('2026-06-01T02:00:00Z');
    const s = expectTyped(
      await requestScheme(w, officerA, { urgent: true, urgentReason: '突发事件，需立即检查' }),
      'MutationRequestInspectionSchemeSuccess',
    ).data;
    w.at('2026-06-02T02:00:00.000Z');
    expect(await w.h.app.sweeps.runOnce()).toBe(0);
    w.at('2026-06-02T02:00:00.001Z');
    expect(await w.h.app.sweeps.runOnce()).toBe(1);
    expect(await w.h.app.sweeps.runOnce()).toBe(0);
    w.at('2026-06-05T02:00:00Z');
    expect(await w.h.app.sweeps.runOnce()).toBe(0);
    expect(await schemeEvents(s.id)).toEqual([
      { action: 'REQUESTED', agencyId: w.agencyA.id, public: false, urgent: true },
      { action: 'OVERDUE', agencyId: w.agencyA.id, public: false, urgent: true },
    ]);
    const read = await w.h.gql(
      `query($i: ID!) { node(id: $i) { ... on InspectionScheme { overdueAnnouncedAt approvalLate } } }`,
      { i: s.id },
      headA,
    );
    expect(read.data.node).toEqual({ overdueAnnouncedAt: '2026-06-02T02:00:00.001Z', approvalLate: false });
    const approved = (await decideScheme(w, 'approveInspectionScheme', s.id, headA)).data.approveInspectionScheme;
    expect(expectTyped(approved, 'MutationApproveInspectionSchemeSuccess').data.approvalLate).toBe(true);
  });
});
