// People, agencies and enterprises for the case tests, written straight to the database so that
// these tests do not depend on the person/enterprise mutations.
import { shanghaiToday, shanghaiYear } from '@zhifa/core/time';
import { createMatter, ERR, gid, type Harness } from '@zhifa/testkit';

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
  const market = await p.agency.create({
    data: {
      name: '阜宁县市场监督管理局',
      kind: 'ENFORCEMENT_AGENCY',
      parentId: county.id,
      domains: ['市场监管', '食品安全'],
      documentPrefix: '阜市监',
    },
  });
  const env = await p.agency.create({
    data: {
      name: '盐城市阜宁生态环境局',
      kind: 'ENFORCEMENT_AGENCY',
      parentId: county.id,
      domains: ['生态环境'],
      documentPrefix: '阜环',
    },
  });
  const sysAdmin = await p.person.create({
    data: { agencyId: county.id, name: '系统管理员', roles: ['SYSTEM_ADMIN'] },
  });
  const supervisor = await p.person.create({ data: { agencyId: bureau.id, name: '监督员甲', roles: ['SUPERVISOR'] } });
  const o1 = await createOfficer(h, market.id, '张执法');
  const o2 = await createOfficer(h, market.id, '李执法');
  const o3 = await createOfficer(h, market.id, '赵执法');
  const marketAdmin = await p.person.create({
    data: { agencyId: market.id, name: '市场局管理员', roles: ['AGENCY_ADMIN'] },
  });
  // The agency head (行政机关负责人, 第57条) who decides; also an officer, so that the deciding
  // person is allowed both before and after the procedure rules name the head as the decider.
  const head = await createOfficer(h, market.id, '吴局长', { roles: ['OFFICER', 'AGENCY_HEAD'] });
  const reviewer = await p.person.create({
    data: { agencyId: market.id, name: '市场局法制审核员', roles: ['LEGAL_REVIEWER'] },
  });
  const auxiliary = await p.person.create({ data: { agencyId: market.id, name: '钱辅助', roles: ['AUXILIARY'] } });
  const expired = await createOfficer(h, market.id, '孙过期', {
    certificateExpiresOn: new Date('2020-12-31T00:00:00Z'),
  });
  const unreviewed = await createOfficer(h, market.id, '周未审', {
    certificateReviewYear: shanghaiYear(new Date()) - 1,
  });
  const envOfficer = await createOfficer(h, env.id, '吴环保');
  const envOfficer2 = await createOfficer(h, env.id, '郑环保');
  const shop = await createEnterprise(h, '阜宁县某某食品店');
  const factory = await createEnterprise(h, '江苏某某化工有限公司', { scale: 'MEDIUM', isKeyEnterprise: true });
  const stall = await createEnterprise(h, '阜宁县某某小吃店（个体工商户）', {
    kind: 'INDIVIDUAL_BUSINESS',
    scale: 'MICRO',
    employees: 1,
  });
  const matters = {
    /** 未按规定公示营业执照: 警告 / 罚款 ≤ ¥30,000 / 吊销营业执照, 市场监管, 2 years. */
    licence: await createMatter(p, { code: 'SJ-DJ-048' }),
    /** 销售超过保质期的食品: 《食品安全法》第三十四条 / 第一百二十四条 — ¥50,000–¥100,000 (goods under ¥10,000), or 10–20 times the goods' value. */
    food: await createMatter(p, {
      code: 'SJ-SP-124',
      name: '销售超过保质期的食品',
      domain: '食品安全',
      violatedProvision: '《中华人民共和国食品安全法》第三十四条第十项',
      penaltyProvision: '《中华人民共和国食品安全法》第一百二十四条第一款',
      penaltyKinds: ['FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY', 'SUSPEND_OPERATIONS', 'REVOKE_LICENCE'],
      fineMinFen: 5_000_000n,
      fineMaxFen: 10_000_000n,
      gainsMultipleMin: 10,
      gainsMultipleMax: 20,
      limitationYears: 5,
    }),
    /** 超标排放大气污染物: 生态环境 — not the market regulator's. */
    air: await createMatter(p, {
      code: 'HJ-DQ-099',
      name: '超过大气污染物排放标准排放大气污染物',
      domain: '生态环境',
      violatedProvision: '《中华人民共和国大气污染防治法》第十八条',
      penaltyProvision: '《中华人民共和国大气污染防治法》第九十九条',
      penaltyKinds: ['FINE', 'SUSPEND_OPERATIONS', 'CLOSE_DOWN'],
      fineMinFen: 10_000_000n,
      fineMaxFen: 100_000_000n,
    }),
    /** A draft: not published. */
    draft: await createMatter(p, { code: 'SJ-DRAFT-1', published: false }),
  };
  const t = (id: number) => h.token(`person:${id}`);
  return {
    county,
    bureau,
    market,
    env,
    shop,
    factory,
    stall,
    matters,
    people: {
      sysAdmin,
      supervisor,
      o1,
      o2,
      o3,
      marketAdmin,
      head,
      reviewer,
      auxiliary,
      expired,
      unreviewed,
      envOfficer,
      envOfficer2,
    },
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

export const OPEN_CASE = `mutation($input: OpenCaseInput!) { openCase(input: $input) { ${ERR} ... on MutationOpenCaseSuccess { data { id number stage
  partyKind partyDescription enterprise { name } agency { name } matter { code } violation violatedProvision penaltyProvision violationOn procedure
  serious registeredBy deadline isOverdue } } } }`;
export const ASSIGN = `mutation($caseId: ID!, $personIds: [ID!]!) { assignOfficers(caseId: $caseId, personIds: $personIds) { ${ERR} ... on
  MutationAssignOfficersSuccess { data { id officers { totalCount edges { node { person { name } } } } } } } }`;
export const ADVANCE = `mutation($caseId: ID!, $to: CaseStage!) { advanceCase(caseId: $caseId, to: $to) { ${ERR} ... on MutationAdvanceCaseSuccess {
  data { id stage closedAt } } } }`;
export const MEASURE = `mutation($caseId: ID!, $input: CompulsoryMeasureInput!) { recordCompulsoryMeasure(caseId: $caseId, input: $input) { ${ERR} ...
  on MutationRecordCompulsoryMeasureSuccess { data { id kind object isProductionEquipment justification recordedBy status emergency takenAt dueOn case
  { number } } } } }`;

let noticeSeq = 0;
/** Today in Asia/Shanghai, YYYY-MM-DD (as a Date argument). */
export const todayDate = (now = new Date()) => shanghaiToday(now).toISOString().slice(0, 10);

/**
 * A complete CompulsoryMeasureInput taken by `officerIds`: a non-emergency request (no notice and no on-site record
 * yet: 行政强制法 第18条, 第24条) unless `over` says otherwise — see `taking` for what an emergency measure carries.
 */
export function measureInput(officerIds: number[], over: Record<string, unknown> = {}) {
  return {
    kind: 'SEAL_UP',
    object: '过期食品 12 箱',
    officerIds: officerIds.map((id) => gid('Person', id)),
    ...over,
  };
}

/** The decision served on `servedOn` (YYYY-MM-DD) and a signed 现场笔录: what taking a measure records. */
export function taking(servedOn = todayDate(), record: Record<string, unknown> = {}) {
  noticeSeq += 1;
  return {
    noticeDocumentNumber: `阜市监封〔2025〕${noticeSeq}号`,
    noticeServedOn: servedOn,
    onSiteRecord: {
      record: '现场检查笔录：当场送达查封决定书，告知理由、依据和救济途径，听取陈述申辩',
      partySignature: 'SIGNED',
      ...record,
    },
  };
}
export const DECIDE = `mutation($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { ${ERR} ... on
  MutationDecideCaseSuccess { data { id stage decision decisionNumber decidedBy ground groundNote mitigatingCircumstance decisionReason
  illegalGainsFen fineFen confiscationFen decidedAt penalties { totalCount edges { node { kind amountFen } } } } } } }`;

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
  over: {
    matterId?: number;
    procedure?: 'SIMPLE' | 'GENERAL';
    violationOn?: Date;
    serious?: boolean;
    registeredBy?: string;
  } = {},
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
      matterId: over.matterId ?? null,
      procedure: over.procedure ?? 'GENERAL',
      violationOn: over.violationOn ?? null,
    },
  });
}

/** Today in Asia/Shanghai, YYYY-MM-DD, `days` later (negative: earlier). */
export function shanghaiDay(days = 0, now = new Date()): string {
  const d = new Date(now.getTime() + 8 * 3600_000 + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** A notice that covers any decision the tests make: every kind, amounts up to the input limit. */
export const GENEROUS_PROPOSAL = [
  'WARNING',
  'CRITICISM',
  'FINE',
  'CONFISCATE_GAINS',
  'CONFISCATE_PROPERTY',
  'SUSPEND_LICENCE',
  'LOWER_QUALIFICATION',
  'REVOKE_LICENCE',
  'RESTRICT_ACTIVITIES',
  'SUSPEND_OPERATIONS',
  'CLOSE_DOWN',
  'BAN_PRACTICE',
].map((kind) => ({
  kind,
  amountFen: ['FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY'].includes(kind) ? 1_000_000_000_000 : null,
}));

/**
 * Put a case where it may be decided: LEGAL_REVIEW, with the procedure recorded as steps written
 * straight to the database — a notice proposing `proposal` (by default one covering any decision; null:
 * no notice), the statement waived, a hearing offered and waived when the proposal is a 第63条 one (or
 * `hearing` says so), an approved legal review.
 */
export async function readyToDecide(
  h: Harness,
  caseId: number,
  proposal: { kind: string; amountFen: number | bigint | null }[] | null = GENEROUS_PROPOSAL,
  opts: { hearing?: boolean } = {},
) {
  const p = h.db.prisma;
  const on = new Date(`${shanghaiDay()}T00:00:00Z`);
  await p.enforcementCase.update({ where: { id: caseId }, data: { stage: 'LEGAL_REVIEW' } });
  if (proposal) {
    const hearing =
      opts.hearing ??
      (proposal.some((x) => x.kind !== 'WARNING' && x.kind !== 'FINE') ||
        proposal.some((x) => Number(x.amountFen ?? 0) >= 1_000_000));
    // The stored shape of a notice's proposal (cases/procedure.ts NoticeProposal).
    const stored = {
      penalties: proposal.map((x) => ({ kind: x.kind, amountFen: x.amountFen === null ? null : String(x.amountFen) })),
      hearingOffered: hearing,
      hearingThresholdFen: '1000000',
    };
    await p.caseStep.createMany({
      data: [
        { caseId, kind: 'NOTICE', on, actor: 'system:test', documentNumber: `告〔${caseId}〕`, proposal: stored },
        { caseId, kind: 'STATEMENT', on, outcome: 'WAIVED', actor: 'system:test' },
        ...(hearing
          ? [{ caseId, kind: 'HEARING_REQUEST' as const, on, outcome: 'WAIVED' as const, actor: 'system:test' }]
          : []),
      ],
    });
  }
  await p.caseStep.create({
    data: { caseId, kind: 'LEGAL_REVIEW', on, outcome: 'APPROVED', actor: 'system:test', note: '同意' },
  });
}
