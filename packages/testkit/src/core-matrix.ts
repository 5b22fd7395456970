// Core's access policy, one row per root operation (see matrix.ts for the outcomes and the world).
// The row rules it checks live in @zhifa/core (auth/rows.ts and the scopes of each type).
// The inputs are harmless: an allowed caller gets past authorisation and then meets a rule or a
// validation that writes nothing (a taken name, a stage that cannot move), or an update that
// changes nothing — so every row sees the same world.
import { globalId } from '@zhifa/core';
import type { PrismaClient } from '@zhifa/core/prisma';
import {
  defineAuthorisationMatrix,
  MATRIX_SELF,
  mutationRow as mutation,
  queryRow as query,
  subscriptionRow as subscription,
  type Fixture,
  type MatrixWorld,
} from './matrix.js';

/** A mutation's document selects only the result's type: the outcome is read from __typename. */
const result = '{ __typename }';

const enterpriseInput = (uscc: string) => ({
  uscc,
  name: '阜宁县矩阵测试有限公司',
  kind: 'COMPANY',
  legalRepresentative: '王某',
  address: '阜宁县阜城街道',
  industry: '食品销售',
  scale: 'SMALL',
  employees: 10,
  creditRiskClass: 'B',
});

/**
/**
 * Core's own fixtures on the shared world: the world's case registered by `officer` (who may assign
 * its first officers); a decided general-procedure case with `officer` and `colleague` assigned —
 * every case step on it meets a rule (the decision is made, its service is years late) and writes
 * nothing; and on that case a compulsory measure already RELEASED, so that approving, extending or
 * releasing it is refused by a rule (MEASURE_NOT_PENDING_APPROVAL, MEASURE_NOT_IN_FORCE) after
 * authorisation, writing nothing, and the measure list is not empty.
 */
async function caseFixtures(w: MatrixWorld, prisma: PrismaClient) {
  await prisma.enforcementCase.update({
    where: { id: w.case.rowId },
    data: { registeredBy: `person:${w.people.officer.rowId}` },
  });
  const assigned = await prisma.enforcementCase.create({
    data: {
      number: '阜市监罚〔2024〕矩阵承办1号',
      agencyId: w.agency.rowId,
      partyKind: 'ENTERPRISE',
      enterpriseId: w.enterprise.rowId,
      violation: '销售过期食品',
      violatedProvision: '第三十四条',
      penaltyProvision: '第一百二十四条',
      stage: 'DECIDED',
      decision: 'PENALTY',
      fineFen: 500_000n,
      registeredAt: new Date('2024-05-01T00:00:00Z'),
      decidedAt: new Date('2024-06-01T00:00:00Z'),
      officers: { create: [{ personId: w.people.officer.rowId }, { personId: w.colleague.rowId }] },
    },
  });
  const m = await prisma.compulsoryMeasure.create({
    data: {
      caseId: assigned.id,
      kind: 'SEIZURE',
      object: '过期食品 3 箱（矩阵）',
      recordedBy: `person:${w.people.officer.rowId}`,
      status: 'RELEASED',
      officerIds: [w.people.officer.rowId, w.colleague.rowId],
      noticeDocumentNumber: '阜市监扣〔2024〕矩阵1号',
      noticeServedOn: new Date('2024-05-01T00:00:00Z'),
      takenAt: new Date('2024-05-01T02:00:00Z'),
      dueOn: new Date('2024-05-31T00:00:00Z'),
      releasedOn: new Date('2024-05-20T00:00:00Z'),
      releaseReason: '矩阵测试',
      releasedBy: `person:${w.people.officer.rowId}`,
    },
  });
  return { assignedCase: globalId('EnforcementCase', assigned.id), measure: globalId('CompulsoryMeasure', m.id) };
}

/** Core's own fixtures on the shared world, written straight to the database (no events). */
export interface CoreMatrixFixtures {
  /** A published enforcement matter of the world agency's domain (市场监管), code MATRIX-M-1. */
  publishedMatter: Fixture & { code: string };
  /** A draft matter of the same domain, code MATRIX-M-2. */
  draftMatter: Fixture & { code: string };
}

/** The fields of the matrix matters, as the MatterInput of updateMatter takes them. */
const matterInput = (code: string) => ({
  code,
  name: '未按规定公示营业执照（矩阵）',
  domain: '市场监管',
  agencyKinds: ['ENFORCEMENT_AGENCY'],
  violatedProvision: '《市场主体登记管理条例》第三十六条',
  penaltyProvision: '《市场主体登记管理条例》第四十八条',
  penaltyKinds: ['FINE'],
  fineMaxFen: 3_000_000,
  limitationYears: 2,
});

async function writeCoreMatrixFixtures(_w: MatrixWorld, prisma: PrismaClient): Promise<CoreMatrixFixtures> {
  const matter = async (code: string, published: boolean) => {
    const { fineMaxFen, ...rest } = matterInput(code);
    const m = await prisma.enforcementMatter.create({
      data: {
        ...rest,
        agencyKinds: ['ENFORCEMENT_AGENCY'],
        penaltyKinds: ['FINE'],
        fineMaxFen: BigInt(fineMaxFen),
        published,
        publishedAt: published ? new Date('2025-01-01T00:00:00Z') : null,
      },
    });
    return { id: globalId('EnforcementMatter', m.id), rowId: m.id, code };
  };
  return { publishedMatter: await matter('MATRIX-M-1', true), draftMatter: await matter('MATRIX-M-2', false) };
}

/** A CSV whose one row breaks 第36条 (3 years): an allowed caller meets a ValidationError, nothing is written. */
const BAD_MATTERS_CSV =
  '事项编码,事项名称,监管领域,实施主体类别,违法依据,处罚依据,处罚种类,追责时效（年）\n' +
  'MATRIX-M-9,矩阵测试事项,市场监管,县行政执法机关,第一条,第二条,警告,3\n';

/**
 * An OFFICER of the world's agency registered without a certificate (straight into the database): a
 * role change on them that the caller may make meets OFFICER_NEEDS_CERTIFICATE and writes nothing.
 */
async function personFixtures(w: MatrixWorld, prisma: PrismaClient) {
  const p = await prisma.person.create({
    data: { agencyId: w.agency.rowId, name: '无证执法员（矩阵）', roles: ['OFFICER'] },
  });
  return { uncertified: globalId('Person', p.id) };
}

/**
 * A key of the survey organisation revoked long ago: revoking it again changes nothing (an allowed
 * caller gets `alreadyRevoked`), so every row sees the same world.
 */
async function apiKeyFixtures(w: MatrixWorld, prisma: PrismaClient) {
  const k = await prisma.apiKey.create({
    data: {
      agencyId: w.surveyOrganisation.rowId,
      label: '已吊销（矩阵）',
      prefix: 'a0a0a0a0a0a0',
      hash: 'not the hash of any key',
      revokedAt: new Date('2025-01-01T00:00:00Z'),
    },
  });
  return { revokedApiKey: globalId('ApiKey', k.id) };
}

async function coreFixtures(w: MatrixWorld, prisma: PrismaClient) {
  return {
    ...(await apiKeyFixtures(w, prisma)),
    ...(await writeCoreMatrixFixtures(w, prisma)),
    ...(await caseFixtures(w, prisma)),
    ...(await personFixtures(w, prisma)),
  };
}

export const CORE_AUTHORISATION_MATRIX = defineAuthorisationMatrix(coreFixtures, (w: MatrixWorld, f) => [
  // ── queries ────────────────────────────────────────────────────────────────────────────────────
  //                                   public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  query(
    'viewer',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `{ viewer { kind } }`,
  ),
  // The justice bureau's supervisors and system admins see every key, the survey organisation its own.
  query(
    'apiKeys',
    'DENY   none       none    none         none        allow      allow     allow  none  none',
    `{ apiKeys(first: 5) { totalCount } }`,
  ),
  query(
    'agencies',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `{ agencies(first: 5) { totalCount } }`,
  ),
  query(
    'agency',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `query($id: ID!) { agency(id: $id) { id } }`,
    { id: w.agency.id },
  ),
  // node(id): an agency is public; a case follows the case's row rule, and a hidden case answers null
  // exactly as a missing one does (no existence probing).
  query(
    'node',
    'none   allow      allow   none         allow       allow      none      allow  allow  allow',
    `query($id: ID!) { node(id: $id) { id } }`,
    { id: w.case.id },
  ),
  query(
    'nodes',
    'none   allow      allow   none         allow       allow      none      allow  allow  allow',
    `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
    { ids: [w.case.id] },
  ),
  query(
    'node',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `query($id: ID!) { node(id: $id) { id } }`,
    { id: w.agency.id },
  ),
  // People are for staff (any agency: names and certificates are shown on duty and published).
  query(
    'people',
    'DENY   DENY       allow   allow        allow       allow      DENY      allow  allow  allow',
    `{ people(first: 5) { totalCount } }`,
  ),
  // Enterprises need a token; an enterprise user sees its own only; the survey organisation none.
  query(
    'enterprises',
    'DENY   allow      allow   allow        allow       allow      none      allow  allow  allow',
    `{ enterprises(first: 5) { totalCount } }`,
  ),
  query(
    'enterprise',
    'DENY   allow      allow   allow        allow       allow      none      allow  allow  allow',
    `query($id: ID!) { enterprise(id: $id) { id } }`,
    { id: w.enterprise.id },
  ),
  query(
    'enterprise',
    'DENY   none       allow   allow        allow       allow      none      allow  allow  allow',
    `query($id: ID!) { enterprise(id: $id) { id } }`,
    { id: w.otherEnterprise.id },
  ),
  // Cases: the case's agency, its party, supervisors. Another agency's officer sees none of them.
  query(
    'cases',
    'DENY   allow      allow   none         allow       allow      DENY      allow  allow  allow',
    `query($a: ID!) { cases(agencyId: $a, first: 5) { totalCount } }`,
    { a: w.agency.id },
  ),
  query(
    'case',
    'DENY   allow      allow   none         allow       allow      none      allow  allow  allow',
    `query($id: ID!) { case(id: $id) { id } }`,
    { id: w.case.id },
  ),
  // Enforcement matters: published ones are public (第34条), drafts are for staff of any agency.
  query(
    'matters',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `{ matters(first: 5) { totalCount } }`,
  ),
  query(
    'matter',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `query($id: ID!) { matter(id: $id) { id } }`,
    { id: f.publishedMatter.id },
  ),
  query(
    'matter',
    'none   none       allow   allow        allow       allow      none      allow  allow  allow',
    `query($id: ID!) { matter(id: $id) { id } }`,
    { id: f.draftMatter.id },
  ),
  query(
    'exportMattersCsv',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `{ exportMattersCsv(domain: "市场监管") }`,
  ),
  // The event log: each row as its subject may see it; a case's events are not public.
  // Statistics of decided cases follow the case row rule: the party its own, another agency's officer nothing.
  query(
    'caseStats',
    'DENY   allow      allow   none         allow       allow      DENY      allow  allow  allow',
    `query($a: ID!) { caseStats(agencyId: $a, from: "2024-01-01", to: "2024-12-31") { totalCount } }`,
    { a: w.agency.id },
  ),
  query(
    'events',
    'none   allow      allow   none         allow       allow      none      allow  allow  allow',
    `{ events(topics: ["case.opened"], first: 5) { events { id } } }`,
  ),
  // Compulsory measures: the same row rule as their cases.
  query(
    'compulsoryMeasures',
    'DENY   allow      allow   none         allow       allow      DENY      allow  allow  allow',
    `query($a: ID!) { compulsoryMeasures(agencyId: $a, first: 5) { totalCount } }`,
    { a: w.agency.id },
  ),

  // ── mutations ──────────────────────────────────────────────────────────────────────────────────
  //                                   public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // Agencies: a system admin creates; the agency's admin (or a system admin) updates.
  mutation(
    'createAgency',
    'DENY   DENY       DENY    DENY         DENY        DENY       DENY      allow  DENY  DENY',
    `mutation($input: AgencyInput!) { createAgency(input: $input) ${result} }`,
    { input: { name: w.agency.name, kind: 'ENFORCEMENT_AGENCY' } },
  ),
  mutation(
    'updateAgency',
    'DENY   DENY       DENY    DENY         allow       DENY       DENY      allow  DENY  DENY',
    `mutation($id: ID!, $input: AgencyInput!) { updateAgency(id: $id, input: $input) ${result} }`,
    {
      id: w.agency.id,
      input: {
        name: w.agency.name,
        kind: 'ENFORCEMENT_AGENCY',
        parentId: w.county.id,
        domains: ['市场监管'],
        documentPrefix: '矩阵市监',
      },
    },
  ),
  // People: the agency's admin (or a system admin). Roles (rules/roles.ts): heads, legal reviewers and
  // supervisors only by the justice bureau or a system admin; nobody on themselves. Certificates
  // (rules/certificate.ts): status and issuance the justice bureau's or a system admin's, reviews also
  // the agency admin's; nobody on their own card.
  mutation(
    'createPerson',
    'DENY   DENY       DENY    DENY         allow       DENY       DENY      allow  DENY  DENY',
    `mutation($input: CreatePersonInput!) { createPerson(input: $input) ${result} }`,
    { input: { agencyId: w.agency.id, name: '无证执法员', roles: ['OFFICER'] } },
  ),
  mutation(
    'createPerson',
    'DENY   DENY       DENY    DENY         DENY        DENY       DENY      allow  DENY  DENY',
    `mutation($input: CreatePersonInput!) { createPerson(input: $input) ${result} }`,
    { input: { agencyId: w.agency.id, name: '无证负责人', roles: ['OFFICER', 'AGENCY_HEAD'] } },
  ),
  mutation(
    'updatePerson',
    'DENY   DENY       DENY    DENY         allow       DENY       DENY      allow  DENY  DENY',
    `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) ${result} }`,
    { id: w.colleague.id, input: { name: w.colleague.name, roles: ['OFFICER'] } },
  ),
  mutation(
    'updatePerson',
    'DENY   DENY       DENY    DENY         DENY        DENY       DENY      allow  DENY  DENY',
    `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) ${result} }`,
    {
      id: w.colleague.id,
      input: { name: w.colleague.name, roles: ['OFFICER', 'LEGAL_REVIEWER'], reason: '矩阵测试' },
    },
  ),
  mutation(
    'updatePerson',
    'DENY   DENY       DENY    DENY         DENY        DENY       DENY      DENY   DENY  DENY',
    `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) ${result} }`,
    { id: MATRIX_SELF, input: { name: '自授角色', roles: ['AGENCY_ADMIN', 'AGENCY_HEAD'], reason: '矩阵测试' } },
  ),
  mutation(
    'changePersonRoles',
    'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
    `mutation($id: ID!) { changePersonRoles(personId: $id, roles: [OFFICER, AGENCY_HEAD], reason: "矩阵测试") ${result} }`,
    { id: f.uncertified },
  ),
  mutation(
    'changePersonRoles',
    'DENY   DENY       DENY    DENY         allow       DENY       DENY      allow  DENY  DENY',
    `mutation($id: ID!) { changePersonRoles(personId: $id, roles: [OFFICER, AGENCY_ADMIN], reason: "矩阵测试") ${result} }`,
    { id: f.uncertified },
  ),
  mutation(
    'changePersonRoles',
    'DENY   DENY       DENY    DENY         DENY        DENY       DENY      DENY   DENY  DENY',
    `mutation($id: ID!) { changePersonRoles(personId: $id, roles: [AGENCY_HEAD, LEGAL_REVIEWER], reason: "矩阵测试") ${result} }`,
    { id: MATRIX_SELF },
  ),
  mutation(
    'changeCertificateStatus',
    'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
    `mutation($id: ID!) { changeCertificateStatus(personId: $id, status: VALID, reason: "矩阵测试") ${result} }`,
    { id: w.colleague.id },
  ),
  mutation(
    'changeCertificateStatus',
    'DENY   DENY       DENY    DENY         DENY        DENY       DENY      DENY   DENY  DENY',
    `mutation($id: ID!) { changeCertificateStatus(personId: $id, status: VALID, reason: "矩阵测试") ${result} }`,
    { id: MATRIX_SELF },
  ),
  mutation(
    'issueCertificate',
    'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
    `mutation($id: ID!, $c: CertificateInput!) { issueCertificate(personId: $id, certificate: $c, reason: "矩阵测试") ${result} }`,
    { id: w.colleague.id, c: { number: 'MATRIX-NEW', issuedOn: '2026-01-02', expiresOn: '2026-01-01' } },
  ),
  mutation(
    'issueCertificate',
    'DENY   DENY       DENY    DENY         DENY        DENY       DENY      DENY   DENY  DENY',
    `mutation($id: ID!, $c: CertificateInput!) { issueCertificate(personId: $id, certificate: $c, reason: "矩阵测试") ${result} }`,
    { id: MATRIX_SELF, c: { number: 'MATRIX-NEW', issuedOn: '2026-01-02', expiresOn: '2026-01-01' } },
  ),
  mutation(
    'recordCertificateReview',
    'DENY   DENY       DENY    DENY         allow       allow      DENY      allow  DENY  DENY',
    `mutation($id: ID!) { recordCertificateReview(personId: $id, year: 2000) ${result} }`,
    { id: w.colleague.id },
  ),
  mutation(
    'recordCertificateReview',
    'DENY   DENY       DENY    DENY         DENY        DENY       DENY      DENY   DENY  DENY',
    `mutation($id: ID!) { recordCertificateReview(personId: $id, year: 2000) ${result} }`,
    { id: MATRIX_SELF },
  ),
  // Enterprises: officers and admins of enforcement agencies, townships and subdistricts, system admins.
  mutation(
    'createEnterprise',
    'DENY   DENY       allow   allow        allow       DENY       DENY      allow  DENY  DENY',
    `mutation($input: EnterpriseInput!) { createEnterprise(input: $input) ${result} }`,
    { input: enterpriseInput(w.enterprise.uscc) },
  ),
  mutation(
    'updateEnterprise',
    'DENY   DENY       allow   allow        allow       DENY       DENY      allow  DENY  DENY',
    `mutation($id: ID!, $input: EnterpriseInput!) { updateEnterprise(id: $id, input: $input) ${result} }`,
    { id: w.enterprise.id, input: enterpriseInput(w.otherEnterprise.uscc) },
  ),
  // Cases: opened by the officers (and admin) of the agency, system admins. Supervisors read, never act.
  mutation(
    'openCase',
    'DENY   DENY       allow   DENY         allow       DENY       DENY      allow  DENY  DENY',
    `mutation($input: OpenCaseInput!) { openCase(input: $input) ${result} }`,
    // A violation dated in the future: refused as invalid input before anything is written or numbered.
    {
      input: { agencyId: w.agency.id, matterId: w.matter.id, enterpriseId: w.enterprise.id, violationOn: '2099-01-01' },
    },
  ),
  // Who acts on a case (auth/rows.ts canActOnCase): its assigned officers act; the officers are assigned
  // by those officers, the agency head or admin, or — before anyone is assigned — the officer who
  // registered it (`officer`, on the world's case); legal reviewers review; the head decides a
  // general-procedure case, holds the collective discussion and extends the deadline. A system
  // admin does everything. `officer` is assigned to the fixture case, nobody else is.
  // A caller who may not see the case (caseRule: `otherOfficer`, `surveyOrg`) gets `none`, the NotFoundError an
  // unknown case gets (no probing for ids); FORBIDDEN is for those who see it but may not act.
  mutation(
    'assignOfficers',
    'DENY   DENY       allow   none         allow       DENY       none      allow  DENY  allow',
    `mutation($c: ID!, $p: [ID!]!) { assignOfficers(caseId: $c, personIds: $p) ${result} }`,
    { c: w.case.id, p: [w.colleague.id] },
  ),
  mutation(
    'advanceCase',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!) { advanceCase(caseId: $c, to: REGISTERED) ${result} }`,
    { c: f.assignedCase },
  ),
  mutation(
    'decideCase',
    'DENY   DENY       DENY    none         DENY        DENY       none      allow  DENY  allow',
    `mutation($c: ID!) { decideCase(caseId: $c, input: { decision: NO_PENALTY }) ${result} }`,
    { c: w.case.id },
  ),
  // The procedure's steps (schema/case-step.ts), on the decided fixture case: each meets a rule.
  mutation(
    'recordNotice',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!, $on: Date!) { recordNotice(caseId: $c, input: { on: $on, proposedPenalties: [{ kind: WARNING }] }) ${result} }`,
    { c: f.assignedCase, on: w.today },
  ),
  mutation(
    'recordStatement',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!, $on: Date!) { recordStatement(caseId: $c, input: { on: $on, outcome: WAIVED }) ${result} }`,
    { c: f.assignedCase, on: w.today },
  ),
  mutation(
    'recordHearingRequest',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!, $on: Date!) { recordHearingRequest(caseId: $c, input: { on: $on, outcome: WAIVED }) ${result} }`,
    { c: f.assignedCase, on: w.today },
  ),
  mutation(
    'recordHearingNotice',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!, $on: Date!) { recordHearingNotice(caseId: $c, input: { on: $on, hearingOn: $on, place: "听证室" }) ${result} }`,
    { c: f.assignedCase, on: w.today },
  ),
  mutation(
    'recordHearing',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!, $on: Date!, $p: ID!) { recordHearing(caseId: $c, input: { on: $on, note: "听证笔录", presidingOfficerId: $p, public: true }) ${result} }`,
    { c: f.assignedCase, on: w.today, p: w.colleague.id },
  ),
  mutation(
    'convertToGeneralProcedure',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!) { convertToGeneralProcedure(caseId: $c, reason: "矩阵测试") ${result} }`,
    { c: f.assignedCase },
  ),
  mutation(
    'recordLegalReview',
    'DENY   DENY       DENY    none         DENY        DENY       none      allow  allow DENY',
    `mutation($c: ID!, $on: Date!) { recordLegalReview(caseId: $c, input: { on: $on, outcome: APPROVED }) ${result} }`,
    { c: f.assignedCase, on: w.today },
  ),
  mutation(
    'recordCollectiveDiscussion',
    'DENY DENY      DENY    none         DENY        DENY       none      allow  DENY  allow',
    `mutation($c: ID!, $on: Date!) { recordCollectiveDiscussion(caseId: $c, input: { on: $on, note: "同意" }) ${result} }`,
    { c: f.assignedCase, on: w.today },
  ),
  mutation(
    'recordService',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!, $on: Date!) { recordService(caseId: $c, input: { on: $on }) ${result} }`,
    { c: f.assignedCase, on: w.today },
  ),
  mutation(
    'recordDeadlineSuspension',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!, $on: Date!) { recordDeadlineSuspension(caseId: $c, input: { on: $on, days: 10, reason: APPRAISAL }) ${result} }`,
    { c: f.assignedCase, on: w.today },
  ),
  mutation(
    'extendCaseDeadline',
    'DENY   DENY       DENY    none         DENY        DENY       none      allow  DENY  allow',
    `mutation($c: ID!) { extendCaseDeadline(caseId: $c, days: 30, reason: "矩阵测试") ${result} }`,
    { c: f.assignedCase },
  ),

  // Compulsory measures (行政强制法): taken and released by the case's assigned officers; approved and
  // extended by the agency head (第18条, 第25条). The case is decided and the measure already released:
  // every allowed caller meets a rule.
  mutation(
    'recordCompulsoryMeasure',
    'DENY   DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($c: ID!, $input: CompulsoryMeasureInput!) { recordCompulsoryMeasure(caseId: $c, input: $input) ${result} }`,
    {
      c: f.assignedCase,
      input: {
        kind: 'SEAL_UP',
        object: '冷柜一台',
        officerIds: [w.people.officer.id, w.colleague.id],
      },
    },
  ),
  mutation(
    'approveCompulsoryMeasure',
    'DENY  DENY       DENY    none         DENY        DENY       none      allow  DENY  allow',
    `mutation($m: ID!) { approveCompulsoryMeasure(measureId: $m, approve: true) ${result} }`,
    { m: f.measure },
  ),
  mutation(
    'extendCompulsoryMeasure',
    'DENY   DENY       DENY    none         DENY        DENY       none      allow  DENY  allow',
    `mutation($m: ID!) { extendCompulsoryMeasure(measureId: $m, days: 10, reason: "矩阵测试") ${result} }`,
    { m: f.measure },
  ),
  mutation(
    'recordCompulsoryMeasureOnSite',
    'DENY  DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($m: ID!, $input: CompulsoryMeasureTakingInput!) { recordCompulsoryMeasureOnSite(measureId: $m, input: $input) ${result} }`,
    {
      m: f.measure,
      input: {
        noticeDocumentNumber: '阜市监封〔2025〕矩阵2号',
        noticeServedOn: w.today,
        onSiteRecord: { record: '矩阵测试现场笔录', partySignature: 'SIGNED' },
      },
    },
  ),
  mutation(
    'releaseCompulsoryMeasure',
    'DENY  DENY       allow   none         DENY        DENY       none      allow  DENY  DENY',
    `mutation($m: ID!, $on: Date!) { releaseCompulsoryMeasure(measureId: $m, on: $on, reason: "矩阵测试") ${result} }`,
    { m: f.measure, on: w.today },
  ),

  // Enforcement matters: the justice bureau's supervisors, system admins, and admins of an agency
  // whose domains include the matter's (the world agency's admin: 市场监管). Harmless inputs: a taken
  // code, an unchanged update, publishing the published, withdrawing the draft, a CSV with a bad row.
  mutation(
    'createMatter',
    'DENY   DENY       DENY    DENY         allow       allow      DENY      allow  DENY  DENY',
    `mutation($input: MatterInput!) { createMatter(input: $input) ${result} }`,
    { input: matterInput(f.publishedMatter.code) },
  ),
  mutation(
    'updateMatter',
    'DENY   DENY       DENY    DENY         allow       allow      DENY      allow  DENY  DENY',
    `mutation($id: ID!, $input: MatterInput!) { updateMatter(id: $id, input: $input) ${result} }`,
    { id: f.draftMatter.id, input: matterInput(f.draftMatter.code) },
  ),
  mutation(
    'publishMatter',
    'DENY   DENY       DENY    DENY         allow       allow      DENY      allow  DENY  DENY',
    `mutation($id: ID!) { publishMatter(id: $id) ${result} }`,
    { id: f.publishedMatter.id },
  ),
  mutation(
    'unpublishMatter',
    'DENY   DENY       DENY    DENY         allow       allow      DENY      allow  DENY  DENY',
    `mutation($id: ID!) { unpublishMatter(id: $id, reason: "矩阵测试") ${result} }`,
    { id: f.draftMatter.id },
  ),
  mutation(
    'importMattersCsv',
    'DENY   DENY       DENY    DENY         allow       allow      DENY      allow  DENY  DENY',
    `mutation($csv: String!) { importMattersCsv(csvText: $csv) ${result} }`,
    { csv: BAD_MATTERS_CSV },
  ),

  // Only the county justice bureau (its supervisors) and system admins; never a key, its own included.
  // Issuing to an enforcement agency meets API_KEY_SURVEY_ORGANISATION_ONLY; the revoked key stays revoked.
  mutation(
    'createApiKey',
    'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
    `mutation($agencyId: ID!) { createApiKey(agencyId: $agencyId, label: "矩阵") ${result} }`,
    { agencyId: w.agency.id },
  ),
  mutation(
    'revokeApiKey',
    'DENY   DENY       DENY    DENY         DENY        allow      DENY      allow  DENY  DENY',
    `mutation($id: ID!) { revokeApiKey(id: $id, reason: "矩阵测试") ${result} }`,
    { id: f.revokedApiKey },
  ),

  // ── subscriptions ──────────────────────────────────────────────────────────────────────────────
  //                                   public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
  // Open to all; each event is delivered only to those who may see it (event-log/visibility.ts).
  subscription(
    'events',
    'allow  allow      allow   allow        allow       allow      allow     allow  allow  allow',
    `subscription { events(topics: ["case.opened"]) { id } }`,
  ),
]);
