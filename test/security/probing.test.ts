// No probing for ids through case-level acts: a caller who may not see a case (auth/rows.ts caseRule)
// gets, for every act on it, exactly the answer an unknown id gets — NotFoundError, byte for byte once
// the id the caller sent is set aside (the message names it); the public UNAUTHENTICATED for both.
// FORBIDDEN is for a caller who sees the case but may not do the act.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '@zhifa/core';
import { nonPenaltyPlugin } from '@zhifa/plugin-non-penalty';
import { createBaseWorld, createHarness, ERR, gid, type BaseWorld, type Harness } from '@zhifa/testkit';
import { directCase, todayDate } from '../core/case-fixtures.js';

const result = `{ ${ERR} }`;
const ON = todayDate();
const ITEM = gid('NonPenaltyListItem', 999_999);

/** Every act that names a case or a measure: its document and variables for the target's global id. */
const ACTS: {
  name: string;
  target: 'case' | 'measure';
  query: string;
  vars: (id: string) => Record<string, unknown>;
}[] = [
  {
    name: 'advanceCase',
    target: 'case',
    query: `mutation($c: ID!) { advanceCase(caseId: $c, to: INVESTIGATING) ${result} }`,
    vars: (c) => ({ c }),
  },
  {
    name: 'assignOfficers',
    target: 'case',
    query: `mutation($c: ID!, $p: [ID!]!) { assignOfficers(caseId: $c, personIds: $p) ${result} }`,
    vars: (c) => ({ c, p: [] }),
  },
  {
    name: 'decideCase',
    target: 'case',
    query: `mutation($c: ID!) { decideCase(caseId: $c, input: { decision: NO_PENALTY }) ${result} }`,
    vars: (c) => ({ c }),
  },
  {
    name: 'recordNotice',
    target: 'case',
    query: `mutation($c: ID!, $on: Date!) { recordNotice(caseId: $c, input: { on: $on, proposedPenalties: [{ kind: WARNING }] }) ${result} }`,
    vars: (c) => ({ c, on: ON }),
  },
  {
    name: 'recordLegalReview',
    target: 'case',
    query: `mutation($c: ID!, $on: Date!) { recordLegalReview(caseId: $c, input: { on: $on, outcome: APPROVED }) ${result} }`,
    vars: (c) => ({ c, on: ON }),
  },
  {
    name: 'extendCaseDeadline',
    target: 'case',
    query: `mutation($c: ID!) { extendCaseDeadline(caseId: $c, days: 30, reason: "探测") ${result} }`,
    vars: (c) => ({ c }),
  },
  {
    name: 'recordHearingNotice',
    target: 'case',
    query: `mutation($c: ID!, $on: Date!) { recordHearingNotice(caseId: $c, input: { on: $on, hearingOn: $on, place: "探测" }) ${result} }`,
    vars: (c) => ({ c, on: ON }),
  },
  {
    name: 'recordDeadlineSuspension',
    target: 'case',
    query: `mutation($c: ID!, $on: Date!) { recordDeadlineSuspension(caseId: $c, input: { on: $on, reason: APPRAISAL, days: 5 }) ${result} }`,
    vars: (c) => ({ c, on: ON }),
  },
  {
    name: 'convertToGeneralProcedure',
    target: 'case',
    query: `mutation($c: ID!) { convertToGeneralProcedure(caseId: $c, reason: "探测") ${result} }`,
    vars: (c) => ({ c }),
  },
  {
    name: 'recordCompulsoryMeasure',
    target: 'case',
    query: `mutation($c: ID!, $on: Date!) { recordCompulsoryMeasure(caseId: $c, input: { kind: SEAL_UP, object: "冷柜", officerIds: [],
      noticeDocumentNumber: "阜市监封〔2025〕1号", noticeServedOn: $on }) ${result} }`,
    vars: (c) => ({ c, on: ON }),
  },
  {
    name: 'approveCompulsoryMeasure',
    target: 'measure',
    query: `mutation($m: ID!) { approveCompulsoryMeasure(measureId: $m, approve: true) ${result} }`,
    vars: (m) => ({ m }),
  },
  {
    name: 'extendCompulsoryMeasure',
    target: 'measure',
    query: `mutation($m: ID!) { extendCompulsoryMeasure(measureId: $m, days: 10, reason: "探测") ${result} }`,
    vars: (m) => ({ m }),
  },
  {
    name: 'releaseCompulsoryMeasure',
    target: 'measure',
    query: `mutation($m: ID!, $on: Date!) { releaseCompulsoryMeasure(measureId: $m, on: $on, reason: "探测") ${result} }`,
    vars: (m) => ({ m, on: ON }),
  },
  {
    name: 'recordCompulsoryMeasureOnSite',
    target: 'measure',
    query: `mutation($m: ID!, $on: Date!) { recordCompulsoryMeasureOnSite(measureId: $m, input: {
      noticeDocumentNumber: "探测1号", noticeServedOn: $on, onSiteRecord: { record: "探测", partySignature: SIGNED } }) ${result} }`,
    vars: (m) => ({ m, on: ON }),
  },
  {
    name: 'grantNonPenalty',
    target: 'case',
    query: `mutation($c: ID!, $i: ID!, $on: Date!) { grantNonPenalty(caseId: $c, itemId: $i, facts: { minorViolation: true },
      correctionOrder: { content: "公示营业执照", orderedOn: $on }, education: "已批评教育") ${result} }`,
    vars: (c) => ({ c, i: ITEM, on: ON }),
  },
  {
    name: 'evaluateNonPenalty',
    target: 'case',
    query: `query($c: ID!, $i: ID!) { evaluateNonPenalty(caseId: $c, itemId: $i, facts: {}) { eligible } }`,
    vars: (c) => ({ c, i: ITEM }),
  },
];

let h: Harness;
let w: BaseWorld;
/** Agency A's case (and its measure), with a party that is not the world's enterprise. */
let hidden: { case: number; measure: number };
/** Agency A's case of the world's enterprise: its user sees it. */
let own: { case: number; measure: number };
let surveyKey: string;

async function caseWithMeasure(enterpriseId: number | null) {
  const c = await directCase(h, w.agencyA.id, enterpriseId, [w.people.officerA.id], 'INVESTIGATING');
  const m = await h.db.prisma.compulsoryMeasure.create({
    data: {
      caseId: c.id,
      kind: 'SEAL_UP',
      object: '冷柜',
      recordedBy: `person:${w.people.officerA.id}`,
      officerIds: [],
    },
  });
  return { case: c.id, measure: m.id };
}

beforeAll(async () => {
  h = await createHarness({ plugins: [nonPenaltyPlugin] });
  w = await createBaseWorld(h);
  hidden = await caseWithMeasure(null);
  own = await caseWithMeasure(w.enterprise.id);
  const org = await h.db.prisma.agency.create({ data: { name: '调查机构', kind: 'SURVEY_ORGANISATION' } });
  const k = newApiKey();
  await h.db.prisma.apiKey.create({ data: { agencyId: org.id, label: '探测', prefix: k.prefix, hash: k.hash } });
  surveyKey = k.key;
});
afterAll(() => h?.close());

/** The response with the unknown row id written as the hidden one: what is left must be the same bytes. */
async function answers(token: string | undefined, act: (typeof ACTS)[number]) {
  const id = act.target === 'case' ? hidden.case : hidden.measure;
  const type = act.target === 'case' ? 'EnforcementCase' : 'CompulsoryMeasure';
  const unknown = id + 100_000;
  const ofHidden = JSON.stringify(await h.gql(act.query, act.vars(gid(type, id)), token));
  const ofUnknown = JSON.stringify(await h.gql(act.query, act.vars(gid(type, unknown)), token)).replaceAll(
    String(unknown),
    String(id),
  );
  return { ofHidden, ofUnknown };
}

describe('an act on a case the caller may not see answers as on an unknown case', () => {
  const callers: [string, () => string | undefined, string][] = [
    ['the public', () => undefined, 'UNAUTHENTICATED'],
    ['an enterprise user (another party’s case)', () => w.tokens.enterprise, 'NOT_FOUND'],
    ['an officer of another agency', () => w.tokens.officerB, 'NOT_FOUND'],
    ['an admin of another agency', () => w.tokens.adminB, 'NOT_FOUND'],
    ['the survey organisation', () => surveyKey, 'NOT_FOUND'],
  ];
  for (const [who, token, code] of callers)
    it(`${who}: ${code}, the same bytes for both`, async () => {
      for (const act of ACTS) {
        const { ofHidden, ofUnknown } = await answers(token(), act);
        expect(ofHidden, act.name).toContain(`"${code}"`);
        expect(ofUnknown, act.name).toBe(ofHidden);
      }
    });
});

describe('FORBIDDEN is for a caller who sees the case but may not do the act', () => {
  it('the enterprise user on its own case, an officer of the agency not assigned, the supervisor', async () => {
    const other = await h.db.prisma.person.create({
      data: { name: '未指派执法员', agencyId: w.agencyA.id, roles: ['OFFICER'] },
    });
    const tokens = [w.tokens.enterprise, h.token(`person:${other.id}`), w.tokens.supervisor];
    for (const token of tokens)
      for (const act of ACTS.filter((a) => a.name !== 'evaluateNonPenalty' || token === w.tokens.enterprise)) {
        const type = act.target === 'case' ? 'EnforcementCase' : 'CompulsoryMeasure';
        const res = JSON.stringify(await h.gql(act.query, act.vars(gid(type, own[act.target])), token));
        expect(res, act.name).toContain('"FORBIDDEN"');
      }
  });
});
