// The follow-up of a soft measure: its outcome recorded once (no correction: the statistics count it and a follow-up
// case rests on it), not before the measure's day; and a case opened after NOT_COMPLIED through core's openCaseInTx,
// once, for the same party and matter, linking both ways. Every refusal typed, bilingual, and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatter, expectTyped, gid, rowCounts } from '@zhifa/testkit';
import {
  caseOf,
  createSoftWorld,
  enterpriseOf,
  openCaseFrom,
  recordOutcome,
  recordSoftMeasure,
  reminder,
  shanghaiDay,
  type SoftWorld,
} from './soft-fixtures.js';

/** The harness's clock: the real time unless a test pins it (and unpins it after). */
let pinned: number | null = null;
const now = () => new Date(pinned ?? Date.now());

let w: SoftWorld;
beforeAll(async () => {
  w = await createSoftWorld({ clock: now });
});
afterAll(() => w?.h.close());

async function measure(over: Record<string, unknown> = {}, token = w.tokens.officerA): Promise<string> {
  const r = await recordSoftMeasure(w, reminder(w, over), token);
  expect(r.__typename, JSON.stringify(r)).toBe('MutationRecordSoftMeasureSuccess');
  return r.data.id as string;
}

async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = await rowCounts(w.h.db.prisma);
  const r = await fn();
  expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  return r;
}

const caseInput = (over: Record<string, unknown> = {}) => ({
  agencyId: w.agencyA.gid,
  matterId: w.matter.gid,
  violationOn: shanghaiDay(-3),
  facts: '经提醒后仍未在经营场所公示营业执照',
  ...over,
});

describe('recordSoftMeasureOutcome', () => {
  it('records the outcome once; a second time is refused and changes nothing', async () => {
    const id = await measure();
    const r = await recordOutcome(w, id, 'PARTIAL', w.officerA2Token);
    expectTyped(r, 'MutationRecordSoftMeasureOutcomeSuccess');
    expect(r.data).toMatchObject({
      outcome: 'PARTIAL',
      outcomeNote: '已现场核查',
      outcomeRecordedBy: `person:${w.officerA2.id}`,
    });
    const e = await w.h.db.prisma.event.findFirstOrThrow({
      where: { topic: 'flexibleEnforcement.softMeasureOutcomeRecorded' },
      orderBy: { id: 'desc' },
    });
    expect(e).toMatchObject({ agencyId: w.agencyA.id, enterpriseId: w.enterprise.id });
    expect(e.payload).toMatchObject({ outcome: 'PARTIAL' });
    for (const again of ['COMPLIED', 'PARTIAL']) {
      const second = await unchanged(() => recordOutcome(w, id, again));
      expectTyped(second, 'RuleViolation', { rule: 'FLEXIBLE_SOFT_OUTCOME_RECORDED', zh: '部分履行' });
    }
  });

  it('two callers at once: one outcome is recorded, the other refused', async () => {
    const id = await measure();
    const [a, b] = await Promise.all([
      recordOutcome(w, id, 'COMPLIED'),
      recordOutcome(w, id, 'NOT_COMPLIED', w.officerA2Token),
    ]);
    expect([a.__typename, b.__typename].sort()).toEqual(['MutationRecordSoftMeasureOutcomeSuccess', 'RuleViolation']);
    expect(
      await w.h.db.prisma.event.count({
        where: {
          topic: 'flexibleEnforcement.softMeasureOutcomeRecorded',
          payload: { path: ['softMeasureId'], equals: Number(Buffer.from(id, 'base64').toString().split(':')[1]) },
        },
      }),
    ).toBe(1);
  });

  it('not before the measure’s day: on the day allowed, the day before refused', async () => {
    const today = Date.now();
    const id = await measure({ takenOn: shanghaiDay(0), followUpOn: null });
    pinned = today - 86_400_000;
    try {
      const r = await unchanged(() => recordOutcome(w, id, 'COMPLIED'));
      expectTyped(r, 'RuleViolation', { rule: 'FLEXIBLE_SOFT_OUTCOME_EARLY' });
    } finally {
      pinned = null;
    }
    expectTyped(await recordOutcome(w, id, 'COMPLIED'), 'MutationRecordSoftMeasureOutcomeSuccess');
  });

  it('who: the agency’s officers and head; the enterprise, a legal reviewer and a supervisor are refused, another agency does not see it', async () => {
    const id = await measure();
    for (const token of [w.tokens.enterprise, w.reviewerA.token, w.tokens.supervisor])
      expectTyped(await unchanged(() => recordOutcome(w, id, 'COMPLIED', token)), 'ForbiddenError');
    expectTyped(await unchanged(() => recordOutcome(w, id, 'COMPLIED', w.tokens.officerB)), 'NotFoundError');
    expectTyped(await unchanged(() => recordOutcome(w, id, 'COMPLIED', w.tokens.adminB)), 'NotFoundError');
    expectTyped(await recordOutcome(w, id, 'COMPLIED', w.headA.token), 'MutationRecordSoftMeasureOutcomeSuccess');
    expectTyped(await unchanged(() => recordOutcome(w, gid('SoftMeasure', 2_000_000), 'COMPLIED')), 'NotFoundError');
  });
});

describe('openCaseFromSoftMeasure', () => {
  it('only after NOT_COMPLIED: with no outcome, COMPLIED or PARTIAL refused', async () => {
    const id = await measure({ matterId: w.matter.gid });
    const none = await unchanged(() => openCaseFrom(w, id, caseInput()));
    expectTyped(none, 'RuleViolation', { rule: 'FLEXIBLE_SOFT_CASE_NOT_NONCOMPLIANCE' });
    for (const outcome of ['COMPLIED', 'PARTIAL']) {
      const other = await measure({ matterId: w.matter.gid });
      await recordOutcome(w, other, outcome);
      expectTyped(await unchanged(() => openCaseFrom(w, other, caseInput())), 'RuleViolation', {
        rule: 'FLEXIBLE_SOFT_CASE_NOT_NONCOMPLIANCE',
      });
    }
  });

  it('opens the case through core (numbered, its event), for the same enterprise and matter, linked both ways; once', async () => {
    const id = await measure({ matterId: w.matter.gid });
    await recordOutcome(w, id, 'NOT_COMPLIED');
    const r = await openCaseFrom(w, id, caseInput());
    expectTyped(r, 'MutationOpenCaseFromSoftMeasureSuccess');
    expect(r.data).toMatchObject({
      number: expect.stringContaining('阜市监立'),
      enterprise: { id: w.enterprise.gid },
      matter: { id: w.matter.gid },
      openedAfterSoftMeasure: { id, outcome: 'NOT_COMPLIED' },
    });
    const back = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on SoftMeasure { followUpCase { id number } } } }`,
      { id },
      w.tokens.officerA,
    );
    expect(back.data.node.followUpCase).toEqual({ id: r.data.id, number: r.data.number });
    const caseRow = Number(
      Buffer.from(r.data.id as string, 'base64')
        .toString()
        .split(':')[1],
    );
    const topics = (await w.h.db.prisma.event.findMany({ where: { caseId: caseRow }, orderBy: { id: 'asc' } })).map(
      (e) => e.topic,
    );
    expect(topics).toContain('case.opened');
    const linked = await w.h.db.prisma.event.findFirstOrThrow({
      where: { topic: 'flexibleEnforcement.softMeasureCaseOpened' },
      orderBy: { id: 'desc' },
    });
    expect(linked.payload).toMatchObject({ followUpCaseId: caseRow });
    const again = await unchanged(() => openCaseFrom(w, id, caseInput()));
    expectTyped(again, 'RuleViolation', { rule: 'FLEXIBLE_SOFT_CASE_EXISTS' });
  });

  it('refuses another enterprise, another agency or another matter than the measure’s; nothing is written', async () => {
    const id = await measure({ matterId: w.matter.gid });
    await recordOutcome(w, id, 'NOT_COMPLIED');
    const other = await enterpriseOf(w);
    const m2 = await createMatter(w.h.db.prisma);
    for (const over of [
      { enterpriseId: other.gid },
      { agencyId: w.agencyB.gid },
      { matterId: gid('EnforcementMatter', m2.id) },
      { partyDescription: '某自然人' },
    ])
      expectTyped(await unchanged(() => openCaseFrom(w, id, caseInput(over))), 'RuleViolation', {
        rule: 'FLEXIBLE_SOFT_CASE_PARTY',
      });
    // The same enterprise stated again is the measure's.
    expectTyped(
      await openCaseFrom(w, id, caseInput({ enterpriseId: w.enterprise.gid })),
      'MutationOpenCaseFromSoftMeasureSuccess',
    );
  });

  it('a measure without a matter: the case names one; core’s refusals roll everything back', async () => {
    const id = await measure();
    await recordOutcome(w, id, 'NOT_COMPLIED');
    const draft = await createMatter(w.h.db.prisma, { published: false });
    expectTyped(
      await unchanged(() => openCaseFrom(w, id, caseInput({ matterId: gid('EnforcementMatter', draft.id) }))),
      'RuleViolation',
      {
        rule: 'MATTER_NOT_PUBLISHED',
      },
    );
    expectTyped(
      await unchanged(() => openCaseFrom(w, id, caseInput({ violationOn: shanghaiDay(1) }))),
      'ValidationError',
    );
    const m2 = await createMatter(w.h.db.prisma);
    expectTyped(
      await openCaseFrom(w, id, caseInput({ matterId: gid('EnforcementMatter', m2.id) })),
      'MutationOpenCaseFromSoftMeasureSuccess',
    );
  });

  it('a measure in a natural person’s case: the new case keeps the party as described', async () => {
    const c = await caseOf(w, null, '流动摊贩（未具名）');
    const id = await measure({ enterpriseId: null, caseId: c.gid, kind: 'DISSUASION' });
    await recordOutcome(w, id, 'NOT_COMPLIED');
    const r = await openCaseFrom(w, id, caseInput());
    expectTyped(r, 'MutationOpenCaseFromSoftMeasureSuccess');
    expect(r.data.enterprise).toBeNull();
    const row = await w.h.db.prisma.enforcementCase.findFirstOrThrow({ where: { number: r.data.number } });
    expect(row.partyDescription).toBe('流动摊贩（未具名）');
  });

  it('who: officers of the measure’s agency; the head (no officer), the enterprise and a supervisor are refused', async () => {
    const id = await measure({ matterId: w.matter.gid });
    await recordOutcome(w, id, 'NOT_COMPLIED');
    for (const token of [w.headA.token, w.tokens.enterprise, w.tokens.supervisor])
      expectTyped(await unchanged(() => openCaseFrom(w, id, caseInput(), token)), 'ForbiddenError');
    expectTyped(await unchanged(() => openCaseFrom(w, id, caseInput(), w.tokens.officerB)), 'NotFoundError');
  });
});
