// Recording a soft measure 柔性措施 (county plan task 7) through recordSoftMeasure: against an enterprise or in a
// case, by whom, and every bad input refused with a typed bilingual error that writes nothing — each rule at its
// boundary (the last value allowed and the first refused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatter, expectTyped, gid, rowCounts } from '@zhifa/testkit';
import {
  caseOf,
  createSoftWorld,
  enterpriseOf,
  recordSoftMeasure,
  reminder,
  shanghaiDay,
  type SoftWorld,
} from './soft-fixtures.js';

let w: SoftWorld;
beforeAll(async () => {
  w = await createSoftWorld();
});
afterAll(() => w?.h.close());

/** Refused as `typename` (and `rule`), in both languages, and nothing written. */
async function refused(input: Record<string, unknown>, typename: string, rule?: string, token = w.tokens.officerA) {
  const before = await rowCounts(w.h.db.prisma);
  const r = await recordSoftMeasure(w, input, token);
  expectTyped(r, typename, rule ? { rule } : {});
  expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  return r;
}

const ok = (r: { __typename: string; data?: unknown }) => {
  expect(r.__typename, JSON.stringify(r)).toBe('MutationRecordSoftMeasureSuccess');
  return (r as { data: Record<string, unknown> & { id: string } }).data;
};

describe('recordSoftMeasure against an enterprise', () => {
  it('records a reminder for the officer’s agency, with its event scoped to the agency and the enterprise', async () => {
    const m = ok(await recordSoftMeasure(w, reminder(w)));
    expect(m).toMatchObject({
      kind: 'REMINDER',
      agency: { name: w.agencyA.name },
      enterprise: { name: w.enterprise.name },
      case: null,
      officer: { name: w.people.officerA.name },
      participants: [],
      outcome: null,
      followUpOverdue: false,
      recordedBy: `person:${w.people.officerA.id}`,
    });
    const e = await w.h.db.prisma.event.findFirstOrThrow({
      where: { topic: 'flexibleEnforcement.softMeasureRecorded' },
      orderBy: { id: 'desc' },
    });
    expect(e).toMatchObject({ agencyId: w.agencyA.id, enterpriseId: w.enterprise.id, caseId: null });
    expect(e.payload).toMatchObject({ kind: 'REMINDER', takenOn: shanghaiDay(), followUpOn: shanghaiDay() });
  });

  it('the agency head records a measure an officer took (the officer named)', async () => {
    const m = ok(
      await recordSoftMeasure(
        w,
        reminder(w, { kind: 'ADMONITION', officerId: w.people.officerA.gid, matterId: w.matter.gid }),
        w.headA.token,
      ),
    );
    expect(m).toMatchObject({
      kind: 'ADMONITION',
      officer: { name: w.people.officerA.name },
      matter: { code: w.matter.code },
    });
  });

  it('refuses a measure addressed to no one', async () => {
    await refused(reminder(w, { enterpriseId: null }), 'RuleViolation', 'FLEXIBLE_SOFT_TARGET');
  });

  it('refuses an unknown enterprise', async () => {
    await refused(reminder(w, { enterpriseId: gid('Enterprise', 2_000_000) }), 'NotFoundError');
  });

  it('takenOn: today is allowed, tomorrow refused (a measure is recorded once taken)', async () => {
    ok(await recordSoftMeasure(w, reminder(w, { takenOn: shanghaiDay(0), followUpOn: null })));
    const r = await refused(
      reminder(w, { takenOn: shanghaiDay(1), followUpOn: null }),
      'RuleViolation',
      'FLEXIBLE_SOFT_TAKEN_IN_FUTURE',
    );
    expect(r.message).toContain('县实施方案任务7');
  });

  it('followUpOn: the measure’s own day is allowed, the day before refused (a follow-up before the measure’s date)', async () => {
    ok(await recordSoftMeasure(w, reminder(w, { takenOn: shanghaiDay(-5), followUpOn: shanghaiDay(-5) })));
    const r = await refused(
      reminder(w, { takenOn: shanghaiDay(-5), followUpOn: shanghaiDay(-6) }),
      'RuleViolation',
      'FLEXIBLE_SOFT_FOLLOW_UP_BEFORE_MEASURE',
    );
    expect(r.messageEn).toContain("before the measure's day");
  });

  it('participants: an interview names 1 to 20 (20 allowed, 21 and none refused); other kinds none', async () => {
    const people = (n: number) => Array.from({ length: n }, (_, i) => `参加人${i + 1}（员工）`);
    const twenty = ok(await recordSoftMeasure(w, reminder(w, { kind: 'INTERVIEW', participants: people(20) })));
    expect(twenty.participants).toHaveLength(20);
    ok(await recordSoftMeasure(w, reminder(w, { kind: 'INTERVIEW', participants: people(1) })));
    await refused(
      reminder(w, { kind: 'INTERVIEW', participants: people(21) }),
      'RuleViolation',
      'FLEXIBLE_SOFT_PARTICIPANTS',
    );
    await refused(reminder(w, { kind: 'INTERVIEW', participants: [] }), 'RuleViolation', 'FLEXIBLE_SOFT_PARTICIPANTS');
    await refused(reminder(w, { kind: 'INTERVIEW' }), 'RuleViolation', 'FLEXIBLE_SOFT_PARTICIPANTS');
    await refused(
      reminder(w, { kind: 'NOTICE', participants: people(1) }),
      'RuleViolation',
      'FLEXIBLE_SOFT_PARTICIPANTS',
    );
  });

  it('the officer: of the agency and able to enforce (core’s rule); another agency’s, an auxiliary or a lapsed certificate refused', async () => {
    const r = await refused(
      reminder(w, { officerId: w.people.officerB.gid }),
      'RuleViolation',
      'FLEXIBLE_SOFT_OFFICER',
    );
    expect(r.message).toContain(w.people.officerB.name);
    const aux = await refused(
      reminder(w, { officerId: w.people.auxiliaryA.gid }),
      'RuleViolation',
      'FLEXIBLE_SOFT_OFFICER',
    );
    expect(aux.message).toContain('不是执法人员');
    const p = w.h.db.prisma;
    const lapsed = await p.person.create({
      data: {
        agencyId: w.agencyA.id,
        name: '证件过期的执法员',
        roles: ['OFFICER'],
        certificateNumber: `LAPSED-${process.pid}`,
        certificateStatus: 'VALID',
        certificateIssuedOn: new Date('2015-01-01T00:00:00Z'),
        certificateExpiresOn: new Date('2020-01-01T00:00:00Z'),
        certificateReviewYear: 2019,
      },
    });
    const exp = await refused(
      reminder(w, { officerId: gid('Person', lapsed.id) }),
      'RuleViolation',
      'FLEXIBLE_SOFT_OFFICER',
    );
    expect(exp.message).toContain('执法证已过期');
    // The head holds no certificate: recording in their own name is refused.
    await refused(reminder(w), 'RuleViolation', 'FLEXIBLE_SOFT_OFFICER', w.headA.token);
  });

  it('the matter: published and the agency’s to enforce (行政处罚法 第17条)', async () => {
    const p = w.h.db.prisma;
    const draft = await createMatter(p, { published: false });
    await refused(
      reminder(w, { matterId: gid('EnforcementMatter', draft.id) }),
      'RuleViolation',
      'FLEXIBLE_SOFT_MATTER',
    );
    const env = await createMatter(p, { domain: '生态环境' });
    await refused(reminder(w, { matterId: gid('EnforcementMatter', env.id) }), 'RuleViolation', 'FLEXIBLE_SOFT_MATTER');
  });

  it('refuses a kind of text the field does not take, and an id of another type', async () => {
    await refused(reminder(w, { officerId: w.enterprise.gid }), 'ValidationError');
    const r = await w.h.gql(
      `mutation($input: SoftMeasureInput!) { recordSoftMeasure(input: $input) { __typename } }`,
      { input: reminder(w, { content: '   ' }) },
      w.tokens.officerA,
    );
    expect(JSON.stringify(r)).toMatch(/VALIDATION_FAILED|ValidationError/);
  });

  it('who: a legal reviewer, a supervisor, an auxiliary, the enterprise and the public are refused', async () => {
    for (const token of [w.reviewerA.token, w.tokens.supervisor, w.tokens.auxiliaryA, w.tokens.enterprise])
      await refused(reminder(w), 'ForbiddenError', undefined, token);
    const before = await rowCounts(w.h.db.prisma);
    const r = await w.h.gql(`mutation($input: SoftMeasureInput!) { recordSoftMeasure(input: $input) { __typename } }`, {
      input: reminder(w),
    });
    expect(r.data.recordSoftMeasure.__typename).toBe('UnauthenticatedError');
    expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  });

  it('an officer of another agency records for their own agency, never with this agency’s officer', async () => {
    const m = ok(await recordSoftMeasure(w, reminder(w, { officerId: null }), w.tokens.officerB));
    expect(m.agency).toEqual({ name: w.agencyB.name });
    await refused(
      reminder(w, { officerId: w.people.officerA.gid }),
      'RuleViolation',
      'FLEXIBLE_SOFT_OFFICER',
      w.tokens.officerB,
    );
  });
});

describe('recordSoftMeasure in a case', () => {
  it('takes the enterprise and matter from the case; the case lists it', async () => {
    const m = ok(
      await recordSoftMeasure(
        w,
        reminder(w, { enterpriseId: null, caseId: w.caseA.gid, kind: 'GUIDANCE' }),
        w.officerA2Token,
      ),
    );
    expect(m).toMatchObject({
      enterprise: { name: w.enterprise.name },
      matter: { code: w.matter.code },
      officer: { name: '甲局执法员二' },
    });
    const res = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on EnforcementCase { softMeasures(first: 5) { totalCount edges { node { id kind } } } } } }`,
      { id: w.caseA.gid },
      w.tokens.officerA,
    );
    expect(res.data.node.softMeasures.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(m.id);
  });

  it('the same enterprise given again is fine; another enterprise or another matter is refused', async () => {
    ok(await recordSoftMeasure(w, reminder(w, { caseId: w.caseA.gid })));
    const other = await enterpriseOf(w);
    await refused(
      reminder(w, { caseId: w.caseA.gid, enterpriseId: other.gid }),
      'RuleViolation',
      'FLEXIBLE_SOFT_CASE_PARTY',
    );
    const m2 = await createMatter(w.h.db.prisma);
    await refused(
      reminder(w, { caseId: w.caseA.gid, enterpriseId: null, matterId: gid('EnforcementMatter', m2.id) }),
      'RuleViolation',
      'FLEXIBLE_SOFT_CASE_PARTY',
    );
  });

  it('only those who may act on the case: an officer of the agency not assigned to it is refused', async () => {
    const p = w.h.db.prisma;
    const unassigned = await p.person.create({
      data: {
        agencyId: w.agencyA.id,
        name: '未指派的执法员',
        roles: ['OFFICER'],
        certificateNumber: `UN-${process.pid}`,
        certificateStatus: 'VALID',
        certificateIssuedOn: new Date('2024-01-01T00:00:00Z'),
        certificateExpiresOn: new Date('2099-01-01T00:00:00Z'),
        certificateReviewYear: 2099,
      },
    });
    await refused(
      reminder(w, { caseId: w.caseA.gid, enterpriseId: null }),
      'ForbiddenError',
      undefined,
      w.h.token(`person:${unassigned.id}`),
    );
    // Another agency's officer does not see the case: answered as an unknown case.
    await refused(
      reminder(w, { caseId: w.caseA.gid, enterpriseId: null }),
      'NotFoundError',
      undefined,
      w.tokens.officerB,
    );
  });

  it('a case whose party is a natural person: no enterprise, the measure stays the agency’s', async () => {
    const c = await caseOf(w, null, '个体流动摊贩（未具名）');
    const m = ok(await recordSoftMeasure(w, reminder(w, { enterpriseId: null, caseId: c.gid, kind: 'DISSUASION' })));
    expect(m).toMatchObject({ enterprise: null, case: { number: expect.any(String) } });
  });
});
