// The certificate review's grace period (task 3) through the API: a person's canEnforce and
// enforceBlocker, assigning officers and starting an investigation all read CASE_SETTINGS
// .reviewGraceUntil and the app's clock. Standing on 31 March and on 1 April 2026 (Shanghai).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SETTINGS, PluginSettings } from '@zhifa/core';
import { createHarness, ERR, expectTyped, gid, type Harness } from '@zhifa/testkit';

/** A Shanghai wall-clock time as a UTC instant. */
const shanghai = (local: string) => new Date(new Date(`${local}Z`).getTime() - 8 * 3600_000);

let now = shanghai('2026-03-31T23:59:59');
let h: Harness;
let custom: Harness;
type World = { ids: Record<string, number>; adminToken: string };
let ids: Record<string, number>;
let adminToken: string;
let other: World;

async function world(x: Harness): Promise<World> {
  const ids: Record<string, number> = {};
  const p = x.db.prisma;
  const agency = await p.agency.create({
    data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY', domains: ['市场监管'] },
  });
  const cert = (n: string, year: number) => ({
    roles: ['OFFICER' as const],
    certificateNumber: n,
    certificateStatus: 'VALID' as const,
    certificateIssuedOn: new Date('2023-01-01T00:00:00Z'),
    certificateExpiresOn: new Date('2030-12-31T00:00:00Z'),
    certificateReviewYear: year,
  });
  ids.agency = agency.id;
  ids.a = (await p.person.create({ data: { agencyId: agency.id, name: '张执法', ...cert('G-1', 2025) } })).id;
  ids.b = (await p.person.create({ data: { agencyId: agency.id, name: '李执法', ...cert('G-2', 2025) } })).id;
  const admin = await p.person.create({ data: { agencyId: agency.id, name: '王局长', roles: ['AGENCY_ADMIN'] } });
  const adminToken = x.token(`person:${admin.id}`);
  ids.case = (
    await p.enforcementCase.create({
      data: {
        number: 'G-CASE-1',
        agencyId: agency.id,
        partyKind: 'NATURAL_PERSON',
        partyDescription: '某个体经营者',
        violation: '某违法行为',
        violatedProvision: '第一条',
        penaltyProvision: '第二条',
      },
    })
  ).id;
  return { ids, adminToken };
}

beforeAll(async () => {
  h = await createHarness({ clock: () => now });
  ({ ids, adminToken } = await world(h));
  custom = await createHarness({
    clock: () => now,
    settings: new PluginSettings().set(CASE_SETTINGS, { ...CASE_SETTINGS.parse({}).data!, reviewGraceUntil: '01-31' }),
  });
  other = await world(custom);
});
afterAll(async () => {
  await h?.close();
  await custom?.close();
});

const PERSON = `query($id: ID!) { node(id: $id) { ... on Person { canEnforce enforceBlocker { code } } } }`;
const ASSIGN = `mutation($c: ID!, $p: [ID!]!) { assignOfficers(caseId: $c, personIds: $p) { ${ERR} } }`;

describe('certificate grace period through the API', () => {
  it('on 31 March 2026 a 2025 review counts: canEnforce, assignment, investigation', async () => {
    now = shanghai('2026-03-31T23:59:59');
    expect((await h.gql(PERSON, { id: gid('Person', ids.a) }, adminToken)).data.node).toEqual({
      canEnforce: true,
      enforceBlocker: null,
    });
    const r = await h.gql(
      ASSIGN,
      { c: gid('EnforcementCase', ids.case), p: [gid('Person', ids.a), gid('Person', ids.b)] },
      adminToken,
    );
    expect(r.data.assignOfficers.__typename).toBe('MutationAssignOfficersSuccess');
  });

  it('on 1 April 2026 it does not', async () => {
    now = shanghai('2026-04-01T00:00:00');
    expect((await h.gql(PERSON, { id: gid('Person', ids.a) }, adminToken)).data.node).toEqual({
      canEnforce: false,
      enforceBlocker: { code: 'NOT_REVIEWED' },
    });
    const r = await h.gql(
      ASSIGN,
      { c: gid('EnforcementCase', ids.case), p: [gid('Person', ids.a), gid('Person', ids.b)] },
      adminToken,
    );
    expectTyped(r.data.assignOfficers, 'RuleViolation', { rule: 'CASE_TWO_OFFICERS', en: 'not reviewed' });
    const adv = await h.gql(
      `mutation($c: ID!) { advanceCase(caseId: $c, to: INVESTIGATING) { ${ERR} } }`,
      { c: gid('EnforcementCase', ids.case) },
      h.token(`person:${ids.a}`),
    );
    // Advanced by one of the officers assigned on 31 March (only they act on the case), whose own review
    // no longer counts: refused for the acting officer first (issue 16: canEnforce at the time of every act).
    expectTyped(adv.data.advanceCase, 'RuleViolation', { rule: 'CASE_OFFICER_CANNOT_ENFORCE', en: 'not reviewed' });
  });

  it('follows ZHIFA_CASE_REVIEW_GRACE_UNTIL: with 01-31, 1 February is too late', async () => {
    now = shanghai('2026-01-31T12:00:00');
    expect((await custom.gql(PERSON, { id: gid('Person', other.ids.a) }, other.adminToken)).data.node.canEnforce).toBe(
      true,
    );
    now = shanghai('2026-02-01T00:00:00');
    expect((await custom.gql(PERSON, { id: gid('Person', other.ids.a) }, other.adminToken)).data.node.canEnforce).toBe(
      false,
    );
  });

  it("last year's review may be recorded through 31 March, not on 1 April", async () => {
    const REVIEW = `mutation($id: ID!, $y: Int!) { recordCertificateReview(personId: $id, year: $y) { ${ERR} ... on
      MutationRecordCertificateReviewSuccess { data { certificateReviewYear canEnforce } } } }`;
    const fresh = await h.db.prisma.person.create({
      data: {
        agencyId: ids.agency,
        name: '赵执法',
        roles: ['OFFICER'],
        certificateNumber: 'G-3',
        certificateStatus: 'VALID',
        certificateIssuedOn: new Date('2023-01-01T00:00:00Z'),
        certificateExpiresOn: new Date('2030-12-31T00:00:00Z'),
        certificateReviewYear: 2024,
      },
    });
    now = shanghai('2026-04-01T00:00:00');
    const late = expectTyped(
      (await h.gql(REVIEW, { id: gid('Person', fresh.id), y: 2025 }, adminToken)).data.recordCertificateReview,
      'ValidationError',
    );
    expect(late.issues[0]).toMatchObject({ path: ['year'], messageEn: expect.stringContaining('until 2026-03-31') });
    now = shanghai('2026-03-31T23:59:59');
    const ok = await h.gql(REVIEW, { id: gid('Person', fresh.id), y: 2025 }, adminToken);
    expect(expectTyped(ok.data.recordCertificateReview, 'MutationRecordCertificateReviewSuccess').data).toEqual({
      certificateReviewYear: 2025,
      canEnforce: true,
    });
  });

  it('the setting refuses a day that is not on the calendar', () => {
    expect(CASE_SETTINGS.parse({ reviewGraceUntil: '02-29' }).success).toBe(true);
    for (const bad of ['02-30', '04-31', '13-01', '3-31'])
      expect(CASE_SETTINGS.parse({ reviewGraceUntil: bad }).success, bad).toBe(false);
  });
});
