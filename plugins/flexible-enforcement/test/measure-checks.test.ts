// The no-compulsory guard's outcomes through core's measure path (行政强制法 第16条第2款, 第18条, 第19条): a measure
// asked for despite a matching item is JUSTIFIED, then approved or REFUSED by the agency head (an emergency one
// afterwards); the officers may instead record that they followed the list (WAIVED). Each outcome is written once
// and announced once; the case's staff read them, the party does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday, addDays } from '@zhifa/core/time';
import { createMatter, gid, rowCounts, type GqlJson } from '@zhifa/testkit';
import { createWorld } from './fixtures.js';
import {
  approveMeasure,
  checkEvents,
  investigatingCase,
  noCompulsoryList,
  recordMeasure,
  waive,
  withSecondOfficer,
  type MeasureWorld,
} from './measure-fixtures.js';

let w: MeasureWorld;
beforeAll(async () => {
  w = await withSecondOfficer(await createWorld());
});
afterAll(() => w?.h.close());

const JUSTIFICATION = '当事人拒不停止销售，存在转移证据风险';
const rowId = (g: string) => Number(Buffer.from(g, 'base64').toString().split(':')[1]);

/** A case whose matter a published item names for a seal-up. */
async function coveredCase() {
  const matter = await createMatter(w.h.db.prisma);
  const { item } = await noCompulsoryList(w, matter.code);
  return { caseId: await investigatingCase(w, matter.id), item };
}

async function checksOf(caseId: number, token = w.tokens.officerA) {
  const res = await w.h.gql(
    `query($c: ID!) { node(id: $c) { ... on EnforcementCase { measureChecks(first: 10) { totalCount edges { node {
      outcome measureKind justification note approvedBy approvedAt listVersion item { seq } measure { id status
      noCompulsoryCheck { outcome } } } } } } } }`,
    { c: gid('EnforcementCase', caseId) },
    token,
  );
  return res;
}

describe('a justified measure, approved or refused by the head', () => {
  it('approved: the JUSTIFIED check carries who approved it and when, announced once per outcome', async () => {
    const { caseId, item } = await coveredCase();
    const asked = await recordMeasure(w, caseId, { justification: JUSTIFICATION });
    expect(asked.__typename, JSON.stringify(asked)).toBe('MutationRecordCompulsoryMeasureSuccess');
    expect(await checkEvents(w, caseId)).toMatchObject([{ outcome: 'JUSTIFIED', approved: false }]);
    const approved = await approveMeasure(w, asked.data.id, true);
    expect(approved.__typename, JSON.stringify(approved)).toBe('MutationApproveCompulsoryMeasureSuccess');
    const [check] = await w.h.db.prisma.compulsoryMeasureCheck.findMany({ where: { caseId } });
    expect(check).toMatchObject({
      outcome: 'JUSTIFIED',
      measureId: rowId(asked.data.id),
      itemId: item.id,
      approvedBy: `person:${w.headA.id}`,
    });
    expect(check.approvedAt?.toISOString()).toBe(approved.data.approvedAt);
    expect(await checkEvents(w, caseId)).toMatchObject([
      { outcome: 'JUSTIFIED', approved: false, checkId: check.id },
      { outcome: 'JUSTIFIED', approved: true, checkId: check.id },
    ]);
    const read = await checksOf(caseId);
    expect(read.errors).toBeUndefined();
    expect(read.data.node.measureChecks).toMatchObject({
      totalCount: 1,
      edges: [
        {
          node: {
            outcome: 'JUSTIFIED',
            measureKind: 'SEAL_UP',
            justification: JUSTIFICATION,
            note: null,
            approvedBy: `person:${w.headA.id}`,
            listVersion: 1,
            item: { seq: 1 },
            measure: { id: asked.data.id, status: 'IN_FORCE', noCompulsoryCheck: { outcome: 'JUSTIFIED' } },
          },
        },
      ],
    });
  });

  it('refused: the check becomes REFUSED with who refused it; the measure is never taken', async () => {
    const { caseId } = await coveredCase();
    const asked = await recordMeasure(w, caseId, { justification: JUSTIFICATION });
    const refused = await approveMeasure(w, asked.data.id, false);
    expect(refused).toMatchObject({
      __typename: 'MutationApproveCompulsoryMeasureSuccess',
      data: { status: 'REFUSED' },
    });
    const checks = await w.h.db.prisma.compulsoryMeasureCheck.findMany({ where: { caseId } });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({
      outcome: 'REFUSED',
      measureId: rowId(asked.data.id),
      approvedBy: `person:${w.headA.id}`,
    });
    expect(checks[0].approvedAt).not.toBeNull();
    expect((await checkEvents(w, caseId)).map((e) => [e.outcome, e.approved])).toEqual([
      ['JUSTIFIED', false],
      ['REFUSED', false],
    ]);
  });

  it('a second answer is core’s refusal and changes nothing on the check', async () => {
    const { caseId } = await coveredCase();
    const asked = await recordMeasure(w, caseId, { justification: JUSTIFICATION });
    await approveMeasure(w, asked.data.id, true);
    const before = await w.h.db.prisma.compulsoryMeasureCheck.findFirstOrThrow({ where: { caseId } });
    const again = await approveMeasure(w, asked.data.id, false);
    expect(again.__typename).toBe('RuleViolation');
    expect(await w.h.db.prisma.compulsoryMeasureCheck.findFirstOrThrow({ where: { caseId } })).toEqual(before);
    expect(await checkEvents(w, caseId)).toHaveLength(2);
  });

  it('an approval refused by core (another agency’s head) leaves the check unanswered', async () => {
    const { caseId } = await coveredCase();
    const asked = await recordMeasure(w, caseId, { justification: JUSTIFICATION });
    const res = await w.h.gql(
      `mutation($m: ID!) { approveCompulsoryMeasure(measureId: $m, approve: true) { __typename } }`,
      { m: asked.data.id },
      w.tokens.adminB,
    );
    expect(res.data?.approveCompulsoryMeasure ?? null).not.toMatchObject({
      __typename: 'MutationApproveCompulsoryMeasureSuccess',
    });
    expect(await w.h.db.prisma.compulsoryMeasureCheck.findFirstOrThrow({ where: { caseId } })).toMatchObject({
      outcome: 'JUSTIFIED',
      approvedBy: null,
      approvedAt: null,
    });
  });

  it('a measure no item covers: approving it writes no check and announces none', async () => {
    const matter = await createMatter(w.h.db.prisma);
    const caseId = await investigatingCase(w, matter.id);
    const asked = await recordMeasure(w, caseId, {});
    expect(asked.__typename).toBe('MutationRecordCompulsoryMeasureSuccess');
    expect((await approveMeasure(w, asked.data.id, true)).__typename).toBe('MutationApproveCompulsoryMeasureSuccess');
    expect(await w.h.db.prisma.compulsoryMeasureCheck.count({ where: { caseId } })).toBe(0);
    expect(await checkEvents(w, caseId)).toEqual([]);
  });
});

describe('an emergency measure (第19条): taken at once, approved or refused afterwards the same way', () => {
  const emergency = () => ({
    justification: JUSTIFICATION,
    emergency: true,
    takenAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    noticeDocumentNumber: '阜市监强〔2026〕1号',
    noticeServedOn: shanghaiToday(new Date()).toISOString().slice(0, 10),
    onSiteRecord: { record: '现场查封经营场所', partySignature: 'SIGNED' },
  });

  it('approved afterwards: JUSTIFIED, approvedBy set; refused afterwards: REFUSED (the measure released)', async () => {
    for (const approve of [true, false]) {
      const { caseId } = await coveredCase();
      const taken = await recordMeasure(w, caseId, emergency());
      expect(taken, JSON.stringify(taken)).toMatchObject({ data: { status: 'IN_FORCE' } });
      // In force before the head has answered: the check says so (not approved yet).
      expect(await w.h.db.prisma.compulsoryMeasureCheck.findFirstOrThrow({ where: { caseId } })).toMatchObject({
        outcome: 'JUSTIFIED',
        measureId: rowId(taken.data.id),
        approvedAt: null,
      });
      const answered = await approveMeasure(w, taken.data.id, approve);
      expect(answered.data.status).toBe(approve ? 'IN_FORCE' : 'RELEASED');
      expect(await w.h.db.prisma.compulsoryMeasureCheck.findFirstOrThrow({ where: { caseId } })).toMatchObject({
        outcome: approve ? 'JUSTIFIED' : 'REFUSED',
        approvedBy: `person:${w.headA.id}`,
      });
      expect((await checkEvents(w, caseId)).map((e) => [e.outcome, e.approved])).toEqual([
        ['JUSTIFIED', false],
        [approve ? 'JUSTIFIED' : 'REFUSED', approve],
      ]);
    }
  });
});

describe('waiveCompulsoryMeasure: the officers followed the list', () => {
  it('records WAIVED against the item, with the note, once, and announces it', async () => {
    const { caseId, item } = await coveredCase();
    const done = await waive(w, caseId);
    expect(done, JSON.stringify(done)).toMatchObject({
      __typename: 'MutationWaiveCompulsoryMeasureSuccess',
      data: { outcome: 'WAIVED', measureKind: 'SEAL_UP', listVersion: 1, item: { seq: 1 }, measure: null },
    });
    expect(done.data.note).toContain('情节显著轻微');
    expect(await w.h.db.prisma.compulsoryMeasureCheck.findMany({ where: { caseId } })).toMatchObject([
      { outcome: 'WAIVED', itemId: item.id, measureId: null, recordedBy: `person:${w.people.officerA.id}` },
    ]);
    expect((await checkEvents(w, caseId)).map((e) => e.outcome)).toEqual(['WAIVED']);
    const before = await rowCounts(w.h.db.prisma);
    expect(await waive(w, caseId)).toMatchObject({
      __typename: 'RuleViolation',
      rule: 'FLEXIBLE_MEASURE_ALREADY_WAIVED',
    });
    expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  });

  it('is refused, writing nothing, when no published, in-force, binding item names the matter and kind', async () => {
    const refusedOn = async (caseId: number, kind = 'SEAL_UP') => {
      const before = await rowCounts(w.h.db.prisma);
      const res = await waive(w, caseId, kind);
      expect(await rowCounts(w.h.db.prisma)).toEqual(before);
      return res;
    };
    const today = shanghaiToday(new Date());
    // Another kind than the item's.
    const { caseId } = await coveredCase();
    const other = await refusedOn(caseId, 'SEIZURE');
    expect(other).toMatchObject({ __typename: 'RuleViolation', rule: 'FLEXIBLE_MEASURE_WAIVER_NO_ITEM' });
    expect(other.message).toContain('第16条第2款');
    expect(other.messageEn).toContain('art. 16(2)');
    // A matter no list names; a draft list; a list that lapsed yesterday (its last day today still binds);
    // another agency's county list.
    const bare = await createMatter(w.h.db.prisma);
    expect((await refusedOn(await investigatingCase(w, bare.id))).rule).toBe('FLEXIBLE_MEASURE_WAIVER_NO_ITEM');
    const drafted = await createMatter(w.h.db.prisma);
    await noCompulsoryList(w, drafted.code, { status: 'DRAFT' });
    expect((await refusedOn(await investigatingCase(w, drafted.id))).rule).toBe('FLEXIBLE_MEASURE_WAIVER_NO_ITEM');
    const lapsed = await createMatter(w.h.db.prisma);
    await noCompulsoryList(w, lapsed.code, { validUntil: addDays(today, -1) });
    expect((await refusedOn(await investigatingCase(w, lapsed.id))).rule).toBe('FLEXIBLE_MEASURE_WAIVER_NO_ITEM');
    const lastDay = await createMatter(w.h.db.prisma);
    await noCompulsoryList(w, lastDay.code, { validUntil: today });
    expect((await waive(w, await investigatingCase(w, lastDay.id))).__typename).toBe(
      'MutationWaiveCompulsoryMeasureSuccess',
    );
    const elsewhere = await createMatter(w.h.db.prisma);
    await noCompulsoryList(w, elsewhere.code, { agencyId: w.agencyB.id });
    expect((await refusedOn(await investigatingCase(w, elsewhere.id))).rule).toBe('FLEXIBLE_MEASURE_WAIVER_NO_ITEM');
  });

  it('is refused while a measure of the kind awaits approval or is in force, and after the decision', async () => {
    const { caseId } = await coveredCase();
    const asked = await recordMeasure(w, caseId, { justification: JUSTIFICATION });
    expect(await waive(w, caseId)).toMatchObject({ rule: 'FLEXIBLE_MEASURE_WAIVER_CONFLICT' });
    await approveMeasure(w, asked.data.id, false);
    // Refused by the head, never taken: the officers may now record that they took none.
    expect((await waive(w, caseId)).__typename).toBe('MutationWaiveCompulsoryMeasureSuccess');
    const decided = await coveredCase();
    await w.h.db.prisma.enforcementCase.update({ where: { id: decided.caseId }, data: { stage: 'DECIDED' } });
    expect(await waive(w, decided.caseId)).toMatchObject({ rule: 'CASE_MEASURE_AFTER_DECISION' });
  });

  it('takes a note of at most 2000 characters and refuses a blank one', async () => {
    const { caseId } = await coveredCase();
    const long = await waive(w, caseId, 'SEAL_UP', '说'.repeat(2001));
    expect(JSON.stringify(long)).toContain('note');
    expect(long.__typename).not.toBe('MutationWaiveCompulsoryMeasureSuccess');
    expect((await waive(w, caseId, 'SEAL_UP', '   ')).__typename).not.toBe('MutationWaiveCompulsoryMeasureSuccess');
    expect(await w.h.db.prisma.compulsoryMeasureCheck.count({ where: { caseId } })).toBe(0);
    expect((await waive(w, caseId, 'SEAL_UP', '说'.repeat(2000))).__typename).toBe(
      'MutationWaiveCompulsoryMeasureSuccess',
    );
  });

  it('who may: the case’s officers; not another agency, the party, the public', async () => {
    const { caseId } = await coveredCase();
    for (const token of [w.tokens.officerB, w.tokens.enterprise, w.tokens.supervisor, w.tokens.adminB, null]) {
      const res = await waive(w, caseId, 'SEAL_UP', '依清单不予查封', token);
      expect(res.__typename, JSON.stringify(res)).not.toBe('MutationWaiveCompulsoryMeasureSuccess');
    }
    expect(await w.h.db.prisma.compulsoryMeasureCheck.count({ where: { caseId } })).toBe(0);
  });
});

describe('who reads the checks', () => {
  it('the agency’s staff and supervisors; not the party, not another agency', async () => {
    const { caseId } = await coveredCase();
    await waive(w, caseId);
    const total = async (token: string) => {
      const res = await checksOf(caseId, token);
      return {
        errors: res.errors?.map((e: GqlJson) => e.extensions?.code),
        total: res.data?.node?.measureChecks?.totalCount,
      };
    };
    expect(await total(w.tokens.officerA)).toEqual({ errors: undefined, total: 1 });
    expect(await total(w.tokens.supervisor)).toEqual({ errors: undefined, total: 1 });
    // The party reads its case, but not the agency's working record.
    const party = await total(w.tokens.enterprise);
    expect(party.total ?? null).toBeNull();
    expect((await total(w.tokens.officerB)).total ?? null).toBeNull();
  });
});
