// People, agencies and enterprises for the case tests, written straight to the database so that
// these tests do not depend on the person/enterprise mutations.
import { shanghaiToday, shanghaiYear, type ProposedPenalty } from '@zhifa/core';
import { ERR, gid, type Harness } from '@zhifa/testkit';

export { expectTyped as expectError } from '@zhifa/testkit';

let seq = 0;
export function nextUscc(): string {
  seq += 1;
  return `91320923MA${String(seq).padStart(7, '0')}X`;
}

export const VALID_CERT = () => ({
  roles: ['OFFICER' as const],
  certificateStatus: 'VALID' as const,
  certificateIssuedOn: new Date('2023-01-01T00:00:00Z'),
  certificateExpiresOn: new Date('2030-12-31T00:00:00Z'),
  certificateReviewYear: shanghaiYear(new Date()),
});

let certSeq = 0;
export async function createOfficer(h: Harness, agencyId: number, name: string, over: Record<string, unknown> = {}) {
  certSeq += 1;
  return h.db.prisma.person.create({
    data: { agencyId, name, ...VALID_CERT(), certificateNumber: `CERT-${process.pid}-${certSeq}`, ...over },
  });
}

export async function createEnterprise(h: Harness, name: string, over: Record<string, unknown> = {}) {
  return h.db.prisma.enterprise.create({
    data: {
      uscc: nextUscc(),
      name,
      kind: 'COMPANY',
      legalRepresentative: '王某',
      address: '阜宁县阜城街道',
      industry: '食品销售',
      scale: 'SMALL',
      employees: 12,
      creditRiskClass: 'B',
      ...over,
    },
  });
}

export async function seedCounty(h: Harness) {
  const p = h.db.prisma;
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const bureau = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU', parentId: county.id } });
  const market = await p.agency.create({ data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY', parentId: county.id } });
  const env = await p.agency.create({ data: { name: '盐城市阜宁生态环境局', kind: 'ENFORCEMENT_AGENCY', parentId: county.id } });
  const sysAdmin = await p.person.create({ data: { agencyId: county.id, name: '系统管理员', roles: ['SYSTEM_ADMIN'] } });
  const supervisor = await p.person.create({ data: { agencyId: bureau.id, name: '监督员甲', roles: ['SUPERVISOR'] } });
  const o1 = await createOfficer(h, market.id, '张执法');
  const o2 = await createOfficer(h, market.id, '李执法');
  const o3 = await createOfficer(h, market.id, '赵执法');
  const marketAdmin = await p.person.create({ data: { agencyId: market.id, name: '市场局管理员', roles: ['AGENCY_ADMIN'] } });
  const head = await p.person.create({ data: { agencyId: market.id, name: '市场局局长', roles: ['AGENCY_HEAD'] } });
  const reviewer = await p.person.create({ data: { agencyId: market.id, name: '市场局法制审核员', roles: ['LEGAL_REVIEWER'] } });
  const auxiliary = await p.person.create({ data: { agencyId: market.id, name: '钱辅助', roles: ['AUXILIARY'] } });
  const expired = await createOfficer(h, market.id, '孙过期', { certificateExpiresOn: new Date('2020-12-31T00:00:00Z') });
  const unreviewed = await createOfficer(h, market.id, '周未审', { certificateReviewYear: shanghaiYear(new Date()) - 1 });
  const envOfficer = await createOfficer(h, env.id, '吴环保');
  const envOfficer2 = await createOfficer(h, env.id, '郑环保');
  const shop = await createEnterprise(h, '阜宁县某某食品店');
  const factory = await createEnterprise(h, '江苏某某化工有限公司', { scale: 'MEDIUM', isKeyEnterprise: true });
  const t = (id: number) => h.token(`person:${id}`);
  return {
    county, bureau, market, env, shop, factory,
    people: { sysAdmin, supervisor, o1, o2, o3, marketAdmin, head, reviewer, auxiliary, expired, unreviewed, envOfficer, envOfficer2 },
    tokens: {
      sysAdmin: t(sysAdmin.id),
      supervisor: t(supervisor.id),
      o1: t(o1.id),
      o2: t(o2.id),
      o3: t(o3.id),
      marketAdmin: t(marketAdmin.id),
      head: t(head.id),
      reviewer: t(reviewer.id),
      auxiliary: t(auxiliary.id),
      envOfficer: t(envOfficer.id),
      shop: h.token(`enterprise:${shop.id}`),
      factory: h.token(`enterprise:${factory.id}`),
    },
  };
}
export type County = Awaited<ReturnType<typeof seedCounty>>;


export const OPEN_CASE = `mutation($input: OpenCaseInput!) { openCase(input: $input) { ${ERR} ... on MutationOpenCaseSuccess { data { id number stage partyKind partyDescription enterprise { name } agency { name } } } } }`;
export const ASSIGN = `mutation($caseId: ID!, $personIds: [ID!]!) { assignOfficers(caseId: $caseId, personIds: $personIds) { ${ERR} ... on MutationAssignOfficersSuccess { data { id officers { totalCount edges { node { person { name } } } } } } } }`;
export const ADVANCE = `mutation($caseId: ID!, $to: CaseStage!) { advanceCase(caseId: $caseId, to: $to) { ${ERR} ... on MutationAdvanceCaseSuccess { data { id stage closedAt } } } }`;
export const MEASURE = `mutation($caseId: ID!, $input: CompulsoryMeasureInput!) { recordCompulsoryMeasure(caseId: $caseId, input: $input) { ${ERR} ... on MutationRecordCompulsoryMeasureSuccess { data { id kind object isProductionEquipment justification recordedBy status emergency takenAt dueOn case { number } } } } }`;

let noticeSeq = 0;
/** Today in Asia/Shanghai, YYYY-MM-DD (as a Date argument). */
export const todayDate = (now = new Date()) => shanghaiToday(now).toISOString().slice(0, 10);

/** A complete CompulsoryMeasureInput taken by `officerIds` (a non-emergency request unless `over` says otherwise). */
export function measureInput(officerIds: number[], over: Record<string, unknown> = {}) {
  noticeSeq += 1;
  return {
    kind: 'SEAL_UP',
    object: '过期食品 12 箱',
    officerIds: officerIds.map((id) => gid('Person', id)),
    noticeDocumentNumber: `阜市监封〔2025〕${noticeSeq}号`,
    noticeServedOn: todayDate(),
    ...over,
  };
}
export const DECIDE = `mutation($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { ${ERR} ... on MutationDecideCaseSuccess { data { id stage decision fineFen confiscationFen decidedAt } } } }`;

let caseSeq = 0;
export function caseNumber(prefix = '阜市监罚'): string {
  caseSeq += 1;
  return `${prefix}〔2025〕${caseSeq}号`;
}

/** A case of `agencyId` against `enterpriseId`, written directly and put in `stage` with two officers. */
export async function directCase(
  h: Harness,
  agencyId: number,
  enterpriseId: number | null,
  officerIds: number[],
  stage: 'REGISTERED' | 'INVESTIGATING' | 'LEGAL_REVIEW' = 'REGISTERED',
  over: { procedure?: 'SIMPLE' | 'GENERAL'; serious?: boolean; registeredBy?: string; matterId?: number } = {},
) {
  return h.db.prisma.enforcementCase.create({
    data: {
      number: caseNumber('直录'),
      agencyId,
      partyKind: enterpriseId ? 'ENTERPRISE' : 'NATURAL_PERSON',
      enterpriseId,
      partyDescription: enterpriseId ? null : '某个体摊贩（不具名）',
      violation: '销售过期食品',
      violatedProvision: '《食品安全法》第三十四条第十项',
      penaltyProvision: '《食品安全法》第一百二十四条第一款',
      stage,
      ...over,
      officers: { create: officerIds.map((personId) => ({ personId })) },
    },
  });
}

/**
 * Steps written straight to the database so that a general-procedure case in LEGAL_REVIEW may be
 * decided: for a decision with penalties a notice proposing them and a waived statement (with
 * `hearing`, the notice offers a hearing, 第63条, and the party waives it), then an approved legal
 * review — all dated today.
 */
export async function readyToDecide(
  h: Harness,
  caseId: number,
  penalties: { kind: ProposedPenalty['kind']; amountFen: bigint | number | null }[] = [],
  opts: { hearing?: boolean } = {},
) {
  const on = shanghaiToday(new Date());
  const step = (kind: 'NOTICE' | 'STATEMENT' | 'HEARING_REQUEST' | 'LEGAL_REVIEW', extra: Record<string, unknown> = {}) =>
    h.db.prisma.caseStep.create({ data: { caseId, kind, on, actor: 'system:test', ...extra } });
  if (penalties.length) {
    await step('NOTICE', {
      proposal: {
        penalties: penalties.map((p) => ({ kind: p.kind, amountFen: p.amountFen === null ? null : String(p.amountFen) })),
        hearingOffered: opts.hearing ?? false,
        hearingThresholdFen: '10000000',
      },
    });
    await step('STATEMENT', { outcome: 'WAIVED' });
    if (opts.hearing) await step('HEARING_REQUEST', { outcome: 'WAIVED' });
  }
  await step('LEGAL_REVIEW', { outcome: 'APPROVED' });
}
