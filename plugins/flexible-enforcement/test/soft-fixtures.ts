// Shared set-up for the soft-measure tests: the plugin's world plus a second officer, the head and a legal reviewer
// of agency A, a matter A enforces, a case of A against the world's enterprise with two officers assigned, and
// GraphQL helpers for the three mutations.
import { createMatter, gid, validCertificate, type HarnessOptions } from '@zhifa/testkit';
import { createBaseWorld, createHarness } from '@zhifa/testkit';
import { flexibleEnforcementPlugin } from '../src/index.js';
import type { World } from './fixtures.js';

export const SOFT_ERR = `__typename ... on Error { code message messageEn } ... on RuleViolation { rule }
  ... on ValidationError { issues { path message messageEn } }`;

export interface SoftWorld extends World {
  officerA2: { id: number; gid: string };
  headA: { id: number; gid: string; token: string };
  reviewerA: { id: number; gid: string; token: string };
  officerA2Token: string;
  matter: { id: number; gid: string; code: string };
  /** A case of A against the world's enterprise on `matter`, INVESTIGATING, officerA and officerA2 assigned. */
  caseA: { id: number; gid: string };
}

let seq = 0;

export async function createSoftWorld(opts: Pick<HarnessOptions, 'clock'> = {}): Promise<SoftWorld> {
  const h = await createHarness({ plugins: [flexibleEnforcementPlugin], ...opts });
  const base = await createBaseWorld(h);
  const p = h.db.prisma;
  const person = async (name: string, roles: ('OFFICER' | 'AGENCY_HEAD' | 'LEGAL_REVIEWER')[], cert: boolean) => {
    const r = await p.person.create({
      data: {
        agencyId: base.agencyA.id,
        name,
        roles,
        ...(cert ? validCertificate(`SOFT-${process.pid}-${++seq}`) : {}),
      },
    });
    return { id: r.id, gid: gid('Person', r.id), token: h.token(`person:${r.id}`) };
  };
  const officerA2 = await person('甲局执法员二', ['OFFICER'], true);
  const headA = await person('甲局局长', ['AGENCY_HEAD'], false);
  const reviewerA = await person('甲局法制审核员', ['LEGAL_REVIEWER'], false);
  const m = await createMatter(p);
  const w: SoftWorld = {
    h,
    ...base,
    officerA2,
    officerA2Token: officerA2.token,
    headA,
    reviewerA,
    matter: { id: m.id, gid: gid('EnforcementMatter', m.id), code: m.code },
    caseA: { id: 0, gid: '' },
  };
  w.caseA = await caseOf(w, base.enterprise.id);
  return w;
}

/** A case of A against `enterpriseId` on the world's matter, INVESTIGATING, with officerA and officerA2 assigned. */
export async function caseOf(w: SoftWorld, enterpriseId: number | null, partyDescription: string | null = null) {
  const c = await w.h.db.prisma.enforcementCase.create({
    data: {
      number: `柔措测〔2026〕${process.pid}-${++seq}号`,
      agencyId: w.agencyA.id,
      partyKind: enterpriseId === null ? 'NATURAL_PERSON' : 'ENTERPRISE',
      enterpriseId,
      partyDescription,
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      stage: 'INVESTIGATING',
      procedure: 'GENERAL',
      matterId: w.matter.id,
      officers: { create: [{ personId: w.people.officerA.id }, { personId: w.officerA2.id }] },
    },
  });
  return { id: c.id, gid: gid('EnforcementCase', c.id) };
}

/** Today in Asia/Shanghai, moved by `days`, as YYYY-MM-DD. */
export function shanghaiDay(days = 0, now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

export const MEASURE_FIELDS = `id kind content basis documentNumber participants takenOn followUpOn followUpOverdue
  outcome outcomeNote recordedBy agency { name } enterprise { name } case { number } matter { code }
  officer { name } followUpCase { number }`;

export async function recordSoftMeasure(w: SoftWorld, input: Record<string, unknown>, token = w.tokens.officerA) {
  const res = await w.h.gql(
    `mutation($input: SoftMeasureInput!) { recordSoftMeasure(input: $input) { ${SOFT_ERR}
      ... on MutationRecordSoftMeasureSuccess { data { ${MEASURE_FIELDS} } } } }`,
    { input },
    token,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.recordSoftMeasure;
}

/** A REMINDER against the world's enterprise, taken today, by officerA; `over` replaces fields. */
export function reminder(w: SoftWorld, over: Record<string, unknown> = {}) {
  return {
    kind: 'REMINDER',
    enterpriseId: w.enterprise.gid,
    content: '请于七日内在经营场所醒目位置公示营业执照',
    basis: '《市场主体登记管理条例》第三十六条',
    documentNumber: `阜市监提〔2026〕${++seq}号`,
    takenOn: shanghaiDay(),
    followUpOn: shanghaiDay(),
    ...over,
  };
}

export async function recordOutcome(w: SoftWorld, id: string, outcome: string, token = w.tokens.officerA) {
  const res = await w.h.gql(
    `mutation($id: ID!, $o: SoftMeasureOutcome!) { recordSoftMeasureOutcome(id: $id, outcome: $o, note: "已现场核查") {
      ${SOFT_ERR} ... on MutationRecordSoftMeasureOutcomeSuccess { data { id outcome outcomeNote outcomeRecordedBy } } } }`,
    { id, o: outcome },
    token,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.recordSoftMeasureOutcome;
}

export async function openCaseFrom(
  w: SoftWorld,
  id: string,
  input: Record<string, unknown>,
  token = w.tokens.officerA,
) {
  const res = await w.h.gql(
    `mutation($id: ID!, $c: OpenCaseInput!) { openCaseFromSoftMeasure(softMeasureId: $id, case: $c) {
      ${SOFT_ERR} ... on MutationOpenCaseFromSoftMeasureSuccess { data { id number
        enterprise { id } matter { id } openedAfterSoftMeasure { id outcome } } } } }`,
    { id, c: input },
    token,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.openCaseFromSoftMeasure;
}

let usccSeq = 0;

/** Another enterprise (with an enterprise user's token). */
export async function enterpriseOf(w: SoftWorld, name = '柔性措施测试企业') {
  usccSeq++;
  const e = await w.h.db.prisma.enterprise.create({
    data: {
      uscc: `91320923S${String(process.pid % 1000).padStart(3, '0')}${String(usccSeq).padStart(5, '0')}X`,
      name: `${name}${usccSeq}`,
      kind: 'COMPANY',
      legalRepresentative: '李某',
      address: '阜宁县阜城街道',
      industry: '零售',
      scale: 'SMALL',
      employees: 5,
      creditRiskClass: 'B',
    },
  });
  return { id: e.id, gid: gid('Enterprise', e.id), name: e.name, token: w.h.token(`enterprise:${e.id}`) };
}
