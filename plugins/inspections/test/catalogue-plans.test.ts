// 年度检查计划 through the API (county plan task 5): drafted on the agency's published items, one per agency and
// year, edited while a draft, filed 备案 with the justice bureau (on time to 31 March 23:59 Shanghai, late from
// 1 April 00:00), then published; each step only from its status; every refusal typed and writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTyped, type GqlJson } from '@zhifa/testkit';
import {
  createClockedWorld,
  createItem,
  createPlan,
  eventsOf,
  itemStep,
  planInput,
  planMutation,
  writesNothing,
  type ClockedWorld,
} from './catalogue-helpers.js';

let w: ClockedWorld;
let officerA: string;
let plan: GqlJson;
beforeAll(async () => {
  w = await createClockedWorld('2026-02-10T02:00:00Z');
  officerA = w.h.token(`person:${w.people.officerA.id}`);
});
afterAll(() => w?.h.close());

const update = (planId: string, over: Record<string, unknown>, token = officerA) =>
  planMutation(w, 'updateInspectionPlan', 'planId: $p, input: $i', { p: planId, i: planInput(w, over) }, token);
const step = (
  field: 'fileInspectionPlan' | 'publishInspectionPlan',
  planId: string,
  token: string | undefined = officerA,
) => planMutation(w, field, 'planId: $p', { p: planId }, token);

const listed = async (args: string, token?: string) =>
  (
    (await w.h.gql(`{ inspectionPlans(${args}) { totalCount edges { node { id status } } } }`, {}, token)).data
      .inspectionPlans.edges as GqlJson[]
  ).map((e) => e.node.id as string);

describe('the draft', () => {
  it('an officer drafts the year’s plan on the agency’s published items; the agency and supervisors see it, no one else', async () => {
    plan = expectTyped(await createPlan(w, officerA), 'MutationCreateInspectionPlanSuccess').data;
    expect(plan).toMatchObject({
      year: 2026,
      status: 'DRAFT',
      samplingBasisPoints: 300,
      method: 'DOUBLE_RANDOM',
      filedAt: null,
      filedLate: false,
      items: [{ item: { id: w.itemA.gid } }],
    });
    expect((await eventsOf(w, 'inspections.planChanged')).at(-1)).toMatchObject({
      agencyId: w.agencyA.id,
      public: false,
      payload: { status: 'DRAFT', year: 2026, late: false },
    });
    expect(await listed('year: 2026', w.tokens.supervisor)).toContain(plan.id);
    expect(await listed(`agencyId: "${w.agencyA.gid}"`, w.tokens.adminA)).toContain(plan.id);
    expect(await listed('year: 2026', w.tokens.officerB)).not.toContain(plan.id);
    expect(await listed('year: 2026')).not.toContain(plan.id);
  });

  it('one plan per agency and year', async () => {
    expectTyped(await writesNothing(w, () => createPlan(w, officerA)), 'RuleViolation', {
      rule: 'INSPECTION_PLAN_EXISTS',
      zh: '每个单位每年一份',
    });
  });

  it('lists only the agency’s published, unrepealed items', async () => {
    const draft = expectTyped(await createItem(w, officerA), 'MutationCreateInspectionItemSuccess').data;
    const repealed = expectTyped(await createItem(w, officerA), 'MutationCreateInspectionItemSuccess').data;
    await itemStep(w, 'publishInspectionItem', repealed.id, officerA);
    await itemStep(w, 'repealInspectionItem', repealed.id, officerA);
    for (const [ids, zh] of [
      [[draft.id], '尚未公布'],
      [[w.itemB.gid], '不是本单位'],
      [[repealed.id], '已废止'],
    ] as const)
      expectTyped(await writesNothing(w, () => update(plan.id, { itemIds: ids })), 'RuleViolation', {
        rule: 'INSPECTION_PLAN_ITEMS',
        zh,
      });
    expectTyped(
      await writesNothing(w, () => createPlan(w, officerA, { itemIds: [w.itemB.gid] }, 2030)),
      'RuleViolation',
      {
        rule: 'INSPECTION_PLAN_ITEMS',
      },
    );
  });

  it('the sampling share is 0–10000 basis points and the frequency at least once a year, at their boundaries', async () => {
    for (const over of [{ samplingBasisPoints: 10000 }, { samplingBasisPoints: 0 }, { frequencyPerYear: 1 }])
      expectTyped(await update(plan.id, over), 'MutationUpdateInspectionPlanSuccess');
    for (const [over, path] of [
      [{ samplingBasisPoints: 10001 }, 'samplingBasisPoints'],
      [{ samplingBasisPoints: -1 }, 'samplingBasisPoints'],
      [{ frequencyPerYear: 0 }, 'frequencyPerYear'],
      [{ basis: '  ' }, 'basis'],
      [{ itemIds: [] }, 'itemIds'],
    ] as const) {
      const r = expectTyped(await writesNothing(w, () => update(plan.id, over)), 'ValidationError');
      expect(r.issues[0].path.at(-1), path).toBe(path);
    }
    const edited = expectTyped(
      await update(plan.id, { samplingBasisPoints: 500, frequencyPerYear: 2, method: 'ON_SITE' }),
      'MutationUpdateInspectionPlanSuccess',
    );
    expect(edited.data).toMatchObject({
      samplingBasisPoints: 500,
      frequencyPerYear: 2,
      method: 'ON_SITE',
      status: 'DRAFT',
    });
  });
});

describe('filing and publishing', () => {
  it('only the agency’s officers and admin act: another agency, the head, a supervisor and the public are refused', async () => {
    for (const token of [w.tokens.officerB, w.h.token(`person:${w.headA.id}`), w.tokens.supervisor]) {
      const r = await writesNothing(w, () => step('fileInspectionPlan', plan.id, token));
      expect(['ForbiddenError', 'NotFoundError']).toContain(r.__typename);
    }
    expectTyped(await writesNothing(w, () => step('fileInspectionPlan', plan.id, '')), 'UnauthenticatedError');
    expectTyped(
      await writesNothing(w, () =>
        planMutation(
          w,
          'createInspectionPlan',
          'agencyId: $a, year: $y, input: $i',
          {
            a: w.agencyA.gid,
            y: 2031,
            i: planInput(w),
          },
          w.tokens.officerB,
        ),
      ),
      'ForbiddenError',
    );
  });

  it('a draft is not published before it is filed', async () => {
    expectTyped(await writesNothing(w, () => step('publishInspectionPlan', plan.id)), 'RuleViolation', {
      rule: 'INSPECTION_PLAN_STATE',
      zh: '草稿',
    });
  });

  it('filed on 31 March 23:59 Shanghai is on time; then not edited nor filed again; published, it is public', async () => {
    w.at('2026-03-31T15:59:59.999Z');
    const filed = expectTyped(await step('fileInspectionPlan', plan.id), 'MutationFileInspectionPlanSuccess').data;
    expect(filed).toMatchObject({ status: 'FILED', filedAt: '2026-03-31T15:59:59.999Z', filedLate: false });
    expect((await eventsOf(w, 'inspections.planChanged')).at(-1)).toMatchObject({
      public: false,
      payload: { status: 'FILED', late: false },
    });
    expect(await listed('status: FILED', w.tokens.supervisor)).toContain(plan.id);
    for (const run of [() => update(plan.id, {}), () => step('fileInspectionPlan', plan.id)])
      expectTyped(await writesNothing(w, run), 'RuleViolation', { rule: 'INSPECTION_PLAN_STATE', zh: '已备案' });
    w.at('2026-04-02T02:00:00Z');
    const published = expectTyped(
      await step('publishInspectionPlan', plan.id, w.tokens.adminA),
      'MutationPublishInspectionPlanSuccess',
    );
    expect(published.data).toMatchObject({
      status: 'PUBLISHED',
      publishedAt: '2026-04-02T02:00:00.000Z',
      filedLate: false,
    });
    expect((await eventsOf(w, 'inspections.planChanged')).at(-1)).toMatchObject({
      public: true,
      payload: { status: 'PUBLISHED' },
    });
    expect(await listed(`agencyId: "${w.agencyA.gid}", year: 2026, status: PUBLISHED`)).toEqual([plan.id]);
    expectTyped(await writesNothing(w, () => step('publishInspectionPlan', plan.id)), 'RuleViolation', {
      rule: 'INSPECTION_PLAN_STATE',
      zh: '已公布',
    });
  });

  it('filed on 1 April 00:00 Shanghai is late, and says so in its event', async () => {
    w.at('2027-02-01T02:00:00Z');
    const next = expectTyped(await createPlan(w, officerA, {}, 2027), 'MutationCreateInspectionPlanSuccess').data;
    w.at('2027-03-31T16:00:00.000Z');
    const filed = expectTyped(await step('fileInspectionPlan', next.id), 'MutationFileInspectionPlanSuccess').data;
    expect(filed.filedLate).toBe(true);
    expect((await eventsOf(w, 'inspections.planChanged')).at(-1)).toMatchObject({
      payload: { status: 'FILED', late: true },
    });
  });
});
