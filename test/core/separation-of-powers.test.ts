// Issue 16, separation of powers: who grants roles (rules/roles.ts), who manages certificates
// (rules/certificate.ts), canEnforce at every officer act (cases/actors.ts, 行政处罚法 第42条), a
// reviewer who approved not assigned (第58条), no self-approval of a measure (行政强制法 第18条), and a
// head who decides not an investigator unless the county allows it (第57条). Each defect the issue
// names has a test here that fails before the fix; the matrix rows are packages/testkit/src/core-matrix.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SETTINGS, settingsFromEnv } from '@zhifa/core';
import { createHarness, ERR, gid, testSettings, type GqlJson, type Harness } from '@zhifa/testkit';
import { shanghaiYear } from '@zhifa/core/time';
import {
  ADVANCE,
  ASSIGN,
  createOfficer,
  DECIDE,
  directCase,
  expectError,
  measureInput,
  readyToDecide,
  seedCounty,
  shanghaiDay,
  type County,
} from './case-fixtures.js';

let h: Harness;
let c: County;
const YEAR = shanghaiYear(new Date());
beforeAll(async () => {
  h = await createHarness();
  c = await seedCounty(h);
});
afterAll(() => h?.close());

const PERSON = `roles certificateNumber certificateStatus certificateReviewYear canEnforce`;
const ROLES = `mutation($id: ID!, $roles: [PersonRole!]!, $reason: String!) {
  changePersonRoles(personId: $id, roles: $roles, reason: $reason) { ${ERR} ... on MutationChangePersonRolesSuccess { data { ${PERSON} } } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { ${ERR} ...
  on MutationUpdatePersonSuccess { data { ${PERSON} } } } }`;
const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { ${ERR} ... on MutationCreatePersonSuccess { data { ${PERSON} } } } }`;
const STATUS = `mutation($id: ID!, $status: CertificateStatus!, $reason: String!) {
  changeCertificateStatus(personId: $id, status: $status, reason: $reason) { ${ERR} ... on MutationChangeCertificateStatusSuccess { data { ${PERSON} } } } }`;
const ISSUE = `mutation($id: ID!, $c: CertificateInput!, $reason: String!) {
  issueCertificate(personId: $id, certificate: $c, reason: $reason) { ${ERR} ... on MutationIssueCertificateSuccess { data { ${PERSON} } } } }`;
const REVIEW = `mutation($id: ID!, $year: Int!) {
  recordCertificateReview(personId: $id, year: $year) { ${ERR} ... on MutationRecordCertificateReviewSuccess { data { ${PERSON} } } } }`;
const NOTICE = `mutation($caseId: ID!, $input: RecordNoticeInput!) { recordNotice(caseId: $caseId, input: $input) { ${ERR} } }`;
const STATEMENT = `mutation($caseId: ID!, $input: RecordStatementInput!) { recordStatement(caseId: $caseId, input: $input) { ${ERR} } }`;
const APPROVE = `mutation($m: ID!) { approveCompulsoryMeasure(measureId: $m, approve: true) { ${ERR} ...
  on MutationApproveCompulsoryMeasureSuccess { data { status approvedBy } } } }`;
const MEASURE = `mutation($caseId: ID!, $input: CompulsoryMeasureInput!) { recordCompulsoryMeasure(caseId: $caseId, input: $input) { ${ERR} ...
  on MutationRecordCompulsoryMeasureSuccess { data { id } } } }`;
const DECIDED = `query($id: ID!) { case(id: $id) { stage decidedBy decidedByInvestigator } }`;

const t = (id: number) => h.token(`person:${id}`);
const rolesOf = async (id: number) => (await h.db.prisma.person.findUniqueOrThrow({ where: { id } })).roles;
const lastEvent = (topic: string) => h.db.prisma.event.findFirst({ where: { topic }, orderBy: { id: 'desc' } });
const card = (number: string, over: Record<string, unknown> = {}) => ({
  number,
  issuedOn: `${YEAR - 1}-03-01`,
  expiresOn: `${YEAR + 4}-02-28`,
  ...over,
});

describe('who grants roles', () => {
  it('an agency admin cannot grant itself AGENCY_HEAD or LEGAL_REVIEWER (issue 16), nor anything else', async () => {
    const admin = c.people.marketAdmin;
    for (const roles of [
      ['AGENCY_ADMIN', 'AGENCY_HEAD'],
      ['AGENCY_ADMIN', 'LEGAL_REVIEWER'],
      ['AGENCY_ADMIN', 'AUXILIARY'],
    ]) {
      const update = await h.gql(
        UPDATE,
        { id: gid('Person', admin.id), input: { name: admin.name, roles, reason: '自授' } },
        t(admin.id),
      );
      expectError(update.data.updatePerson, 'ForbiddenError', { zh: '不得变更自己的角色', en: 'their own roles' });
      const change = await h.gql(ROLES, { id: gid('Person', admin.id), roles, reason: '自授' }, t(admin.id));
      expectError(change.data.changePersonRoles, 'ForbiddenError', { zh: '不得变更自己的角色' });
    }
    expect(await rolesOf(admin.id)).toEqual(['AGENCY_ADMIN']);
  });

  it('nobody changes their own roles, a system admin and a justice bureau supervisor included', async () => {
    const sys = await h.gql(
      ROLES,
      { id: gid('Person', c.people.sysAdmin.id), roles: ['SYSTEM_ADMIN', 'OFFICER'], reason: '自授' },
      t(c.people.sysAdmin.id),
    );
    expectError(sys.data.changePersonRoles, 'ForbiddenError', { zh: '不得变更自己的角色' });
    const sup = await h.gql(
      ROLES,
      { id: gid('Person', c.people.supervisor.id), roles: ['SUPERVISOR', 'AGENCY_HEAD'], reason: '自授' },
      t(c.people.supervisor.id),
    );
    expectError(sup.data.changePersonRoles, 'ForbiddenError', { zh: '不得变更自己的角色' });
    expect(await rolesOf(c.people.supervisor.id)).toEqual(['SUPERVISOR']);
  });

  it.each(['AGENCY_HEAD', 'LEGAL_REVIEWER', 'SUPERVISOR', 'SPECIAL_SUPERVISOR'])(
    '%s is never granted by the agency admin, on any path; nothing is written',
    async (role) => {
      const o = await createOfficer(h, c.market.id, `授权对象${role}`);
      const events = await h.db.prisma.event.count();
      const id = gid('Person', o.id);
      const viaRoles = await h.gql(ROLES, { id, roles: ['OFFICER', role], reason: '任命' }, c.tokens.marketAdmin);
      expectError(viaRoles.data.changePersonRoles, 'ForbiddenError', { zh: '县司法局', en: 'justice bureau' });
      const viaUpdate = await h.gql(
        UPDATE,
        {
          id,
          input: { name: o.name, roles: ['OFFICER', role], certificate: card(o.certificateNumber!), reason: '任命' },
        },
        c.tokens.marketAdmin,
      );
      expectError(viaUpdate.data.updatePerson, 'ForbiddenError', { zh: '县司法局' });
      const viaCreate = await h.gql(
        CREATE,
        { input: { agencyId: gid('Agency', c.market.id), name: `新${role}`, roles: [role] } },
        c.tokens.marketAdmin,
      );
      expectError(viaCreate.data.createPerson, 'ForbiddenError', { zh: '县司法局' });
      expect(await rolesOf(o.id)).toEqual(['OFFICER']);
      expect(await h.db.prisma.event.count()).toBe(events);
    },
  );

  it('the justice bureau grants and removes AGENCY_HEAD, with who and why in the event log', async () => {
    const o = await createOfficer(h, c.market.id, '拟任负责人');
    const id = gid('Person', o.id);
    const granted = await h.gql(
      ROLES,
      { id, roles: ['OFFICER', 'AGENCY_HEAD'], reason: '县政府任命为局长' },
      c.tokens.supervisor,
    );
    expect(granted.data.changePersonRoles.data.roles).toEqual(['OFFICER', 'AGENCY_HEAD']);
    const event = await lastEvent('person.rolesChanged');
    expect(event).toMatchObject({ agencyId: c.market.id, actor: `person:${c.people.supervisor.id}` });
    expect(event!.payload).toEqual({
      personId: o.id,
      name: '拟任负责人',
      from: ['OFFICER'],
      to: ['OFFICER', 'AGENCY_HEAD'],
      granted: ['AGENCY_HEAD'],
      removed: [],
      reason: '县政府任命为局长',
    });
    // Removing it is the bureau's too: the agency admin cannot, the bureau can.
    const byAdmin = await h.gql(ROLES, { id, roles: ['OFFICER'], reason: '免职' }, c.tokens.marketAdmin);
    expectError(byAdmin.data.changePersonRoles, 'ForbiddenError');
    const byBureau = await h.gql(ROLES, { id, roles: ['OFFICER'], reason: '免职' }, c.tokens.supervisor);
    expect(byBureau.data.changePersonRoles.data.roles).toEqual(['OFFICER']);
  });

  it('the bureau designates, but does not manage agency staff: OFFICER stays the agency admin’s', async () => {
    const aux = await h.db.prisma.person.create({
      data: { agencyId: c.market.id, name: '辅助乙', roles: ['AUXILIARY'] },
    });
    const id = gid('Person', aux.id);
    const byBureau = await h.gql(ROLES, { id, roles: ['AGENCY_ADMIN'], reason: '调整' }, c.tokens.supervisor);
    expectError(byBureau.data.changePersonRoles, 'ForbiddenError', { zh: '本单位管理员' });
    const byAdmin = await h.gql(ROLES, { id, roles: ['AGENCY_ADMIN'], reason: '调整为管理员' }, c.tokens.marketAdmin);
    expect(byAdmin.data.changePersonRoles.data.roles).toEqual(['AGENCY_ADMIN']);
  });

  it('a 司法所 supervisor supervises but designates no one', async () => {
    const office = await h.db.prisma.agency.create({
      data: { name: '益林司法所', kind: 'JUSTICE_OFFICE', parentId: c.bureau.id },
    });
    const officeSup = await h.db.prisma.person.create({
      data: { agencyId: office.id, name: '司法所监督员', roles: ['SUPERVISOR'] },
    });
    const o = await createOfficer(h, c.market.id, '所外对象');
    const res = await h.gql(
      ROLES,
      { id: gid('Person', o.id), roles: ['OFFICER', 'LEGAL_REVIEWER'], reason: '任命' },
      t(officeSup.id),
    );
    expectError(res.data.changePersonRoles, 'ForbiddenError');
    expect(await rolesOf(o.id)).toEqual(['OFFICER']);
  });

  it('a change of roles needs a reason; an update that keeps them does not', async () => {
    const o = await createOfficer(h, c.market.id, '需理由');
    const id = gid('Person', o.id);
    const certificate = card(o.certificateNumber!, {
      issuedOn: o.certificateIssuedOn!.toISOString().slice(0, 10),
      expiresOn: o.certificateExpiresOn!.toISOString().slice(0, 10),
    });
    const kept = await h.gql(
      UPDATE,
      { id, input: { name: '需理由（改名）', roles: ['OFFICER'], certificate } },
      c.tokens.marketAdmin,
    );
    expect(kept.data.updatePerson.__typename).toBe('MutationUpdatePersonSuccess');
    const noReason = await h.gql(
      UPDATE,
      { id, input: { name: '需理由', roles: ['OFFICER', 'AGENCY_ADMIN'], certificate } },
      c.tokens.marketAdmin,
    );
    expectError(noReason.data.updatePerson, 'ValidationError');
    expect(noReason.data.updatePerson.issues[0].path).toEqual(['input', 'reason']);
    expect(await rolesOf(o.id)).toEqual(['OFFICER']);
  });
});

describe('who manages certificates', () => {
  it('an agency admin cannot lift a supervisor’s suspension (issue 16), nor suspend; the bureau does both', async () => {
    const o = await createOfficer(h, c.market.id, '被暂扣者');
    const id = gid('Person', o.id);
    expectError(
      (await h.gql(STATUS, { id, status: 'SUSPENDED', reason: '涉嫌违法执法' }, c.tokens.marketAdmin)).data
        .changeCertificateStatus,
      'ForbiddenError',
    );
    expect(
      (await h.gql(STATUS, { id, status: 'SUSPENDED', reason: '涉嫌违法执法' }, c.tokens.supervisor)).data
        .changeCertificateStatus.data.certificateStatus,
    ).toBe('SUSPENDED');
    const lift = await h.gql(STATUS, { id, status: 'VALID', reason: '本单位认为已整改' }, c.tokens.marketAdmin);
    expectError(lift.data.changeCertificateStatus, 'ForbiddenError');
    expect((await h.db.prisma.person.findUniqueOrThrow({ where: { id: o.id } })).certificateStatus).toBe('SUSPENDED');
    const byBureau = await h.gql(STATUS, { id, status: 'VALID', reason: '调查结束，发还' }, c.tokens.supervisor);
    expect(byBureau.data.changeCertificateStatus.data.certificateStatus).toBe('VALID');
  });

  it('nobody lifts the suspension of their own certificate — an agency admin, a supervisor or a system admin', async () => {
    const holders = [
      await createOfficer(h, c.market.id, '持证管理员', { roles: ['OFFICER', 'AGENCY_ADMIN'] }),
      await createOfficer(h, c.bureau.id, '持证监督员', { roles: ['OFFICER', 'SUPERVISOR'] }),
      await createOfficer(h, c.county.id, '持证系统管理员', { roles: ['OFFICER', 'SYSTEM_ADMIN'] }),
    ];
    for (const p of holders) {
      await h.db.prisma.person.update({ where: { id: p.id }, data: { certificateStatus: 'SUSPENDED' } });
      const own = await h.gql(STATUS, { id: gid('Person', p.id), status: 'VALID', reason: '自行恢复' }, t(p.id));
      // The agency admin is refused status changes at all; the bureau and a system admin by the self rule.
      const issuer = p.roles.includes('SUPERVISOR') || p.roles.includes('SYSTEM_ADMIN');
      expectError(own.data.changeCertificateStatus, 'ForbiddenError', issuer ? { zh: '不得变更自己的执法证' } : {});
      const review = await h.gql(REVIEW, { id: gid('Person', p.id), year: YEAR }, t(p.id));
      expectError(review.data.recordCertificateReview, 'ForbiddenError', { zh: '自己的执法证' });
      expect((await h.db.prisma.person.findUniqueOrThrow({ where: { id: p.id } })).certificateStatus).toBe('SUSPENDED');
    }
  });

  it('after 收回 neither a new number nor a review brings canEnforce back (issue 16); WITHDRAWN is final', async () => {
    const o = await createOfficer(h, c.market.id, '被收回者');
    const id = gid('Person', o.id);
    await h.gql(STATUS, { id, status: 'WITHDRAWN', reason: '严重违法执法，收回证件' }, c.tokens.supervisor);
    const back = await h.gql(STATUS, { id, status: 'VALID', reason: '恢复' }, c.tokens.supervisor);
    expectError(back.data.changeCertificateStatus, 'RuleViolation', { rule: 'CERTIFICATE_WITHDRAWN' });
    const renumbered = await h.gql(
      UPDATE,
      { id, input: { name: o.name, roles: ['OFFICER'], certificate: card('JS-NEW-0001') } },
      c.tokens.marketAdmin,
    );
    expectError(renumbered.data.updatePerson, 'RuleViolation', { rule: 'CERTIFICATE_REISSUE' });
    const review = await h.gql(REVIEW, { id, year: YEAR }, c.tokens.marketAdmin);
    expectError(review.data.recordCertificateReview, 'RuleViolation', { rule: 'CERTIFICATE_NOT_REVIEWABLE' });
    // Removing the card and registering a "first" one is the same reissue.
    const removed = await h.gql(
      UPDATE,
      { id, input: { name: o.name, roles: ['AUXILIARY'], certificate: null, reason: '转为辅助人员' } },
      c.tokens.marketAdmin,
    );
    expect(removed.data.updatePerson.data.certificateNumber).toBeNull();
    const again = await h.gql(
      UPDATE,
      { id, input: { name: o.name, roles: ['OFFICER'], certificate: card('JS-NEW-0002'), reason: '恢复执法岗位' } },
      c.tokens.marketAdmin,
    );
    expectError(again.data.updatePerson, 'RuleViolation', { rule: 'CERTIFICATE_REISSUE' });
    const row = await h.db.prisma.person.findUniqueOrThrow({ where: { id: o.id } });
    expect(row).toMatchObject({ roles: ['AUXILIARY'], certificateNumber: null });
  });

  it('a new certificate is an issuance by the justice bureau, recorded as such; the old number never returns', async () => {
    const o = await createOfficer(h, c.market.id, '换证者');
    const old = o.certificateNumber!;
    const id = gid('Person', o.id);
    await h.gql(STATUS, { id, status: 'WITHDRAWN', reason: '收回' }, c.tokens.supervisor);
    const byAdmin = await h.gql(ISSUE, { id, c: card('JS-ISS-0001'), reason: '换发' }, c.tokens.marketAdmin);
    expectError(byAdmin.data.issueCertificate, 'ForbiddenError');
    const issued = await h.gql(
      ISSUE,
      { id, c: card('JS-ISS-0001'), reason: '培训考试合格，换发新证' },
      c.tokens.supervisor,
    );
    expect(issued.data.issueCertificate.data).toEqual({
      roles: ['OFFICER'],
      certificateNumber: 'JS-ISS-0001',
      certificateStatus: 'VALID',
      certificateReviewYear: null,
      canEnforce: false,
    });
    const event = await lastEvent('person.certificateChanged');
    expect(event).toMatchObject({ agencyId: c.market.id, actor: `person:${c.people.supervisor.id}` });
    expect(event!.payload).toMatchObject({
      personId: o.id,
      change: 'issued',
      certificateNumber: 'JS-ISS-0001',
      previousNumber: old,
      previousStatus: 'WITHDRAWN',
      reason: '培训考试合格，换发新证',
    });
    // The withdrawn number is retired: not issued again, not registered on anyone.
    const reuse = await h.gql(ISSUE, { id, c: card(old), reason: '用回原证号' }, c.tokens.supervisor);
    expectError(reuse.data.issueCertificate, 'RuleViolation', { rule: 'CERTIFICATE_NUMBER_RETIRED' });
    const onOther = await h.gql(
      CREATE,
      {
        input: { agencyId: gid('Agency', c.market.id), name: '借用旧证号', roles: ['OFFICER'], certificate: card(old) },
      },
      c.tokens.marketAdmin,
    );
    expectError(onOther.data.createPerson, 'RuleViolation', { rule: 'CERTIFICATE_NUMBER_RETIRED' });
    // Nobody issues their own card.
    const self = await createOfficer(h, c.bureau.id, '自发证监督员', { roles: ['OFFICER', 'SUPERVISOR'] });
    const own = await h.gql(ISSUE, { id: gid('Person', self.id), c: card('JS-ISS-0002'), reason: '自发' }, t(self.id));
    expectError(own.data.issueCertificate, 'ForbiddenError');
  });
});

describe('canEnforce at every officer act (行政处罚法 第42条)', () => {
  it('a suspended officer can no longer give notice, take a statement, advance or take a measure (issue 16)', async () => {
    const [a1, a2, a3, a4] = [
      await createOfficer(h, c.market.id, '甲承办'),
      await createOfficer(h, c.market.id, '乙承办'),
      await createOfficer(h, c.market.id, '丙承办'),
      await createOfficer(h, c.market.id, '丁承办'),
    ];
    const k = await directCase(h, c.market.id, c.shop.id, [a1.id, a2.id, a3.id], 'INVESTIGATING');
    const caseId = gid('EnforcementCase', k.id);
    await h.gql(STATUS, { id: gid('Person', a1.id), status: 'SUSPENDED', reason: '暂扣' }, c.tokens.supervisor);
    const notice = { on: shanghaiDay(), proposedPenalties: [{ kind: 'WARNING' }] };
    const refusals = [
      (await h.gql(NOTICE, { caseId, input: notice }, t(a1.id))).data.recordNotice,
      (await h.gql(ADVANCE, { caseId, to: 'LEGAL_REVIEW' }, t(a1.id))).data.advanceCase,
      (await h.gql(MEASURE, { caseId, input: measureInput([a2.id, a3.id]) }, t(a1.id))).data.recordCompulsoryMeasure,
    ];
    for (const r of refusals)
      expectError(r, 'RuleViolation', { rule: 'CASE_OFFICER_CANNOT_ENFORCE', zh: '第42条', en: 'art. 42' });
    expect(await h.db.prisma.caseStep.count({ where: { caseId: k.id } })).toBe(0);
    // Two enforceable officers left: the last allowed count, so the others go on.
    const byA2 = await h.gql(NOTICE, { caseId, input: notice }, t(a2.id));
    expect(byA2.data.recordNotice.__typename).toBe('MutationRecordNoticeSuccess');
    // One left: the case does not move until it is reassigned.
    await h.db.prisma.person.update({ where: { id: a3.id }, data: { certificateExpiresOn: new Date('2020-01-01') } });
    const statement = { on: shanghaiDay(), outcome: 'WAIVED' };
    const stuck = await h.gql(STATEMENT, { caseId, input: statement }, t(a2.id));
    expectError(stuck.data.recordStatement, 'RuleViolation', { rule: 'CASE_TWO_OFFICERS', zh: '须重新指派' });
    const reassigned = await h.gql(
      ASSIGN,
      { caseId, personIds: [gid('Person', a2.id), gid('Person', a4.id)] },
      c.tokens.marketAdmin,
    );
    expect(reassigned.data.assignOfficers.__typename).toBe('MutationAssignOfficersSuccess');
    const moving = await h.gql(STATEMENT, { caseId, input: statement }, t(a2.id));
    expect(moving.data.recordStatement.__typename).toBe('MutationRecordStatementSuccess');
  });

  it('a suspended officer cannot change the officers as one of them; the head or admin can', async () => {
    const [b1, b2, b3] = [
      await createOfficer(h, c.market.id, '戊承办'),
      await createOfficer(h, c.market.id, '己承办'),
      await createOfficer(h, c.market.id, '庚承办'),
    ];
    const k = await directCase(h, c.market.id, c.shop.id, [b1.id, b2.id], 'INVESTIGATING');
    await h.db.prisma.person.update({ where: { id: b1.id }, data: { certificateStatus: 'SUSPENDED' } });
    const caseId = gid('EnforcementCase', k.id);
    const personIds = [gid('Person', b2.id), gid('Person', b3.id)];
    expectError((await h.gql(ASSIGN, { caseId, personIds }, t(b1.id))).data.assignOfficers, 'RuleViolation', {
      rule: 'CASE_OFFICER_CANNOT_ENFORCE',
    });
    expect((await h.gql(ASSIGN, { caseId, personIds }, t(b2.id))).data.assignOfficers.__typename).toBe(
      'MutationAssignOfficersSuccess',
    );
  });

  it('a legal reviewer who approved a case is not assigned to it afterwards (第58条); one who returned it may be', async () => {
    const reviewerOfficer = await createOfficer(h, c.market.id, '审核兼执法', { roles: ['OFFICER', 'LEGAL_REVIEWER'] });
    const o1 = c.people.o1.id;
    const on = new Date(`${shanghaiDay()}T00:00:00Z`);
    const review = async (outcome: 'APPROVED' | 'RETURNED') => {
      const k = await directCase(h, c.market.id, c.shop.id, [o1, c.people.o2.id], 'INVESTIGATING');
      await h.db.prisma.caseStep.create({
        data: { caseId: k.id, kind: 'LEGAL_REVIEW', on, outcome, actor: `person:${reviewerOfficer.id}` },
      });
      return h.gql(
        ASSIGN,
        { caseId: gid('EnforcementCase', k.id), personIds: [gid('Person', o1), gid('Person', reviewerOfficer.id)] },
        c.tokens.marketAdmin,
      );
    };
    expectError((await review('APPROVED')).data.assignOfficers, 'RuleViolation', {
      rule: 'CASE_REVIEWER_ASSIGNED',
      zh: '第58条',
    });
    expect((await review('RETURNED')).data.assignOfficers.__typename).toBe('MutationAssignOfficersSuccess');
  });
});

describe('no self-approval where the law splits the roles', () => {
  it('the head who applied for a measure, or carries it out, does not approve it (行政强制法 第18条)', async () => {
    const otherHead = await h.db.prisma.person.create({
      data: { agencyId: c.market.id, name: '副局长', roles: ['AGENCY_HEAD'] },
    });
    const head = c.people.head;
    const k = await directCase(h, c.market.id, c.shop.id, [head.id, c.people.o1.id], 'INVESTIGATING');
    const caseId = gid('EnforcementCase', k.id);
    const byHead = await h.gql(MEASURE, { caseId, input: measureInput([head.id, c.people.o1.id]) }, c.tokens.head);
    const byOfficer = await h.gql(MEASURE, { caseId, input: measureInput([head.id, c.people.o1.id]) }, c.tokens.o1);
    for (const m of [byHead, byOfficer]) {
      const own = await h.gql(APPROVE, { m: m.data.recordCompulsoryMeasure.data.id }, c.tokens.head);
      expectError(own.data.approveCompulsoryMeasure, 'RuleViolation', { rule: 'MEASURE_SELF_APPROVAL', zh: '第18条' });
    }
    const ok = await h.gql(APPROVE, { m: byHead.data.recordCompulsoryMeasure.data.id }, t(otherHead.id));
    expect(ok.data.approveCompulsoryMeasure.data).toMatchObject({
      status: 'IN_FORCE',
      approvedBy: `person:${otherHead.id}`,
    });
  });

  it('the head who decides is not an investigator of the case (行政处罚法 第57条) by default', async () => {
    const decide = async (officers: number[]) => {
      const k = await directCase(h, c.market.id, c.shop.id, officers, 'LEGAL_REVIEW', { matterId: c.matters.food.id });
      await readyToDecide(h, k.id);
      const input = { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 8_000_000 }] };
      return { k, res: await h.gql(DECIDE, { caseId: gid('EnforcementCase', k.id), input }, c.tokens.head) };
    };
    const own = await decide([c.people.head.id, c.people.o1.id]);
    expectError(own.res.data.decideCase, 'RuleViolation', { rule: 'CASE_HEAD_INVESTIGATED', zh: '第57条' });
    expect((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: own.k.id } })).stage).toBe(
      'LEGAL_REVIEW',
    );
    const other = await decide([c.people.o1.id, c.people.o2.id]);
    expect(other.res.data.decideCase.data.stage).toBe('DECIDED');
    const read = await h.gql(DECIDED, { id: gid('EnforcementCase', other.k.id) }, c.tokens.head);
    expect(read.data.case.decidedByInvestigator).toBe(false);
  });

  it('where the county allows it (ZHIFA_CASE_HEAD_MAY_INVESTIGATE), the decision records that the head investigated', async () => {
    const x = await createHarness({ settings: testSettings({ headMayInvestigate: true }) });
    try {
      const cx = await seedCounty(x);
      const k = await directCase(x, cx.market.id, cx.shop.id, [cx.people.head.id, cx.people.o1.id], 'LEGAL_REVIEW', {
        matterId: cx.matters.food.id,
      });
      await readyToDecide(x, k.id);
      const input = { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 8_000_000 }] };
      const res = await x.gql(DECIDE, { caseId: gid('EnforcementCase', k.id), input }, cx.tokens.head);
      expect(res.data.decideCase.data.stage).toBe('DECIDED');
      const read = await x.gql(DECIDED, { id: gid('EnforcementCase', k.id) }, cx.tokens.head);
      expect(read.data.case).toMatchObject({ decidedByInvestigator: true, decidedBy: `person:${cx.people.head.id}` });
      const event = await x.db.prisma.event.findFirst({ where: { topic: 'case.decided', caseId: k.id } });
      expect((event!.payload as GqlJson).decidedByInvestigator).toBe(true);
    } finally {
      await x.close();
    }
  });

  it('ZHIFA_CASE_HEAD_MAY_INVESTIGATE parses like the server’s switches and is off by default', () => {
    const read = (v?: string) => settingsFromEnv(CASE_SETTINGS, { ZHIFA_CASE_HEAD_MAY_INVESTIGATE: v });
    expect(read().value!.headMayInvestigate).toBe(false);
    expect(read('on').value!.headMayInvestigate).toBe(true);
    expect(read('FALSE').value!.headMayInvestigate).toBe(false);
    expect(read('maybe').issues[0]).toMatchObject({
      variable: 'ZHIFA_CASE_HEAD_MAY_INVESTIGATE',
      en: expect.stringContaining('true/false'),
    });
  });
});
