// Validation after authorisation: a caller who may not call a mutation gets UNAUTHENTICATED or
// FORBIDDEN, never a validation message about its arguments; a caller who may call gets the typed
// ValidationError for the same arguments. Covers scopes of every kind: fixed (createAgency), read
// from an argument's global id (updateAgency, openCase), looked up in the database from an argument
// (recordCertificateReview), from the viewer alone (createEnterprise, createMatter,
// changeCertificateStatus); failures of zod and of input hygiene (packages/core/src/input/plugin.ts).
// See packages/core/src/input/after-auth.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { nonPenaltyPlugin } from '@zhifa/plugin-non-penalty';
import { ERR, createBaseWorld, createHarness, expectTyped, gid, type BaseWorld } from '@zhifa/testkit';

const h = await createHarness({ plugins: [nonPenaltyPlugin] });
const w: BaseWorld = await createBaseWorld(h);
afterAll(() => h.close());

// A draft list of agency A (a plugin's list kind: core's list mutations, lists/mutations.ts).
const draft = await h.gql(
  `mutation($input: NonPenaltyListInput!) { createNonPenaltyList(input: $input) {
    ... on MutationCreateNonPenaltyListSuccess { data { id } } } }`,
  { input: { agencyId: w.agencyA.gid, title: '阜宁县市场监管领域不予处罚清单', domain: '市场监管' } },
  w.tokens.officerA,
);
const draftListId = (draft.data as { createNonPenaltyList: { data: { id: string } } }).createNonPenaltyList.data.id;

// A seal-up in force on a case of agency A, written straight to the database. The party is the world's
// enterprise, whose user sees the case: refused (FORBIDDEN), not told it does not exist (test/security/probing.test.ts).
const measureCase = await h.db.prisma.enforcementCase.create({
  data: {
    number: '阜市监立〔2026〕901号',
    agencyId: w.agencyA.id,
    partyKind: 'ENTERPRISE',
    enterpriseId: w.enterprise.id,
    violation: '销售过期食品',
    violatedProvision: '《食品安全法》第三十四条第十项',
    penaltyProvision: '《食品安全法》第一百二十四条第一款',
  },
});
const measure = await h.db.prisma.compulsoryMeasure.create({
  data: {
    caseId: measureCase.id,
    kind: 'SEAL_UP',
    object: '过期食品一批',
    recordedBy: `person:${w.people.officerA.id}`,
    officerIds: [w.people.officerA.id],
  },
});

type Caller = keyof BaseWorld['tokens'] | 'public';

interface Case {
  field: string;
  /** The document, selecting `${ERR}` on the field. */
  query: string;
  /** Variables with at least one invalid argument. */
  invalid: () => Record<string, unknown>;
  /** Path of an issue the permitted caller is told about. */
  issuePath: (string | number)[];
  /** Signed-in callers who may not call it (with these arguments). */
  forbidden: Caller[];
  /** A caller who may. */
  permitted: Caller;
}

const tooShortName = '局';
// A NUL in a name: refused by input hygiene (text.ts) before zod sees it.
const controlCharacter = '某\u0000局';

const cases: Case[] = [
  {
    field: 'createAgency',
    query: `mutation($input: AgencyInput!) { createAgency(input: $input) { ${ERR} } }`,
    invalid: () => ({ input: { name: tooShortName, kind: 'TOWNSHIP' } }),
    issuePath: ['input', 'name'],
    forbidden: ['officerA', 'adminA', 'supervisor', 'enterprise'],
    permitted: 'sysAdmin',
  },
  {
    field: 'updateAgency',
    query: `mutation($id: ID!, $input: AgencyInput!) { updateAgency(id: $id, input: $input) { ${ERR} } }`,
    invalid: () => ({ id: w.agencyA.gid, input: { name: tooShortName, kind: 'ENFORCEMENT_AGENCY' } }),
    issuePath: ['input', 'name'],
    // agencyAdminOf the agency named by the `id` argument: the other agency's admin may not.
    forbidden: ['officerA', 'adminB', 'enterprise'],
    permitted: 'adminA',
  },
  {
    field: 'openCase',
    query: `mutation($input: OpenCaseInput!) { openCase(input: $input) { ${ERR} } }`,
    invalid: () => ({
      input: {
        agencyId: w.agencyA.gid,
        matterId: gid('EnforcementMatter', 1),
        partyDescription: controlCharacter,
        violationOn: '2026-01-05',
      },
    }),
    issuePath: ['input', 'partyDescription'],
    // officerOf the agency in `input.agencyId`.
    forbidden: ['officerB', 'adminB', 'supervisor', 'enterprise'],
    permitted: 'officerA',
  },
  {
    field: 'recordCertificateReview',
    query: `mutation($id: ID!, $year: Int!) { recordCertificateReview(personId: $id, year: $year) { ${ERR} } }`,
    invalid: () => ({ id: w.people.officerA.gid, year: 1999 }),
    issuePath: ['year'],
    // agencyAdminOf the person's agency, read from the database.
    forbidden: ['officerA', 'adminB', 'enterprise'],
    permitted: 'adminA',
  },
  {
    field: 'changeCertificateStatus',
    query: `mutation($id: ID!, $status: CertificateStatus!, $reason: String!) {
      changeCertificateStatus(personId: $id, status: $status, reason: $reason) { ${ERR} } }`,
    invalid: () => ({ id: w.people.officerA.gid, status: 'SUSPENDED', reason: '停' }),
    issuePath: ['reason'],
    // A supervisor (the issuing justice bureau, issue 16), from the viewer alone: not the holder's agency admin.
    forbidden: ['officerA', 'adminA', 'adminB', 'enterprise'],
    permitted: 'supervisor',
  },
  {
    field: 'createEnterprise',
    query: `mutation($input: EnterpriseInput!) { createEnterprise(input: $input) { ${ERR} } }`,
    invalid: () => ({
      input: {
        uscc: '91320923MA1XXXXXXX',
        name: tooShortName,
        kind: 'COMPANY',
        legalRepresentative: '李某',
        address: '阜城街道新河路 8 号',
        industry: '通用设备制造',
        scale: 'MEDIUM',
        employees: -1,
        creditRiskClass: 'B',
      },
    }),
    issuePath: ['input', 'name'],
    forbidden: ['enterprise', 'supervisor'],
    permitted: 'officerA',
  },
  {
    field: 'createMatter',
    query: `mutation($input: MatterInput!) { createMatter(input: $input) { ${ERR} } }`,
    invalid: () => ({
      input: {
        code: 'SJ-DJ-009',
        name: '未按规定公示营业执照',
        domain: '市场监管',
        agencyKinds: [],
        violatedProvision: '《市场主体登记管理条例》第三十六条',
        penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
        penaltyKinds: ['FINE'],
      },
    }),
    issuePath: ['input', 'agencyKinds'],
    // Staff, but only agency admins, the bureau's supervisors and system admins maintain matters.
    forbidden: ['officerA', 'auxiliaryA', 'enterprise'],
    permitted: 'adminA',
  },
  {
    field: 'updateNonPenaltyList',
    query: `mutation($id: ID!, $input: NonPenaltyListMetaInput!) { updateNonPenaltyList(id: $id, input: $input) { ${ERR} } }`,
    invalid: () => ({ id: draftListId, input: { title: controlCharacter, domain: '市场监管' } }),
    issuePath: ['input', 'title'],
    // The agency's officers edit its lists; the supervisor reads the draft but may not edit it.
    forbidden: ['supervisor', 'enterprise'],
    permitted: 'officerA',
  },
  {
    field: 'extendCompulsoryMeasure',
    query: `mutation($m: ID!, $days: Int!, $reason: String!) {
      extendCompulsoryMeasure(measureId: $m, days: $days, reason: $reason) { ${ERR} } }`,
    invalid: () => ({ m: gid('CompulsoryMeasure', measure.id), days: 0, reason: '案情复杂，需要检验' }),
    issuePath: ['days'],
    // The head of the case's agency (or a system admin) extends; its officers and admin may not.
    forbidden: ['officerA', 'adminA', 'enterprise'],
    permitted: 'sysAdmin',
  },
];

const token = (caller: Caller) => (caller === 'public' ? undefined : w.tokens[caller]);

describe.each(cases)('$field with invalid arguments', (c) => {
  const call = async (caller: Caller) => {
    const res = await h.gql(c.query, c.invalid(), token(caller));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return (res.data as Record<string, unknown>)[c.field];
  };

  it('the public is told to sign in, not what is wrong with the arguments', async () => {
    expectTyped(await call('public'), 'UnauthenticatedError', { code: 'UNAUTHENTICATED' });
  });

  it.each(c.forbidden)('%s may not call it: FORBIDDEN, not a validation message', async (caller) => {
    expectTyped(await call(caller), 'ForbiddenError', { code: 'FORBIDDEN' });
  });

  it('a permitted caller gets the typed ValidationError for the same arguments', async () => {
    const err = expectTyped<{ issues: { path: (string | number)[] }[] }>(await call(c.permitted), 'ValidationError', {
      code: 'VALIDATION_FAILED',
    });
    expect(err.issues.map((i) => i.path)).toContainEqual(c.issuePath);
  });
});

describe('an argument the scope reads is itself malformed', () => {
  const UPDATE = cases.find((c) => c.field === 'updateAgency')!;
  const variables = { id: 'not-a-global-id', input: { name: tooShortName, kind: 'ENFORCEMENT_AGENCY' } };

  it('it names no agency, of which nobody is the admin: FORBIDDEN before any validation message', async () => {
    const res = await h.gql(UPDATE.query, variables, w.tokens.adminA);
    expectTyped(res.data?.updateAgency, 'ForbiddenError', { code: 'FORBIDDEN' });
  });

  it('a system admin, whose scope does not depend on it, is told about the input', async () => {
    const res = await h.gql(UPDATE.query, variables, w.tokens.sysAdmin);
    expectTyped(res.data?.updateAgency, 'ValidationError', { code: 'VALIDATION_FAILED' });
  });
});

describe('a list the caller cannot see', () => {
  it('another agency’s draft is not found, as an unknown list, before any validation message', async () => {
    const res = await h.gql(
      `mutation($id: ID!, $input: NonPenaltyListMetaInput!) { updateNonPenaltyList(id: $id, input: $input) { ${ERR} } }`,
      { id: draftListId, input: { title: controlCharacter, domain: '市场监管' } },
      w.tokens.officerB,
    );
    expectTyped(res.data?.updateNonPenaltyList, 'NotFoundError', { code: 'NOT_FOUND' });
  });
});

describe('a query refused by its scope', () => {
  it('enterprises(search:) with an over-long search: the public is told to sign in', async () => {
    const res = await h.gql(`query($s: String) { enterprises(search: $s) { totalCount } }`, { s: 'x'.repeat(500) });
    expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res)).toBe('UNAUTHENTICATED');
  });

  it('a signed-in caller is told about the search text', async () => {
    const res = await h.gql(
      `query($s: String) { enterprises(search: $s) { totalCount } }`,
      { s: 'x'.repeat(500) },
      w.tokens.officerA,
    );
    expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res)).toBe('VALIDATION_FAILED');
  });
});
