// Findings of an invited visit never open a case by themselves (county plan task 7): after a visit, a case the
// invited agency opens about the same enterprise and one of the visit's matters is refused through core's openCase,
// and opened through openCaseAfterInvitation, which says what was found after the visit and cites it — for a year
// after the visit's day (its anniversary binds, the day after not).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatter, ERR, expectTyped, gid, rowCounts, type GqlJson } from '@zhifa/testkit';
import { addDays, addYears, shanghaiToday } from '@zhifa/core/time';
import { createWorld, type World } from './fixtures.js';
import { invitationWorld, mutate, request, requestInput, visited, type InvitationWorld } from './invitation-helpers.js';

let w: World;
let iw: InvitationWorld;
let invitation: string;
beforeAll(async () => {
  w = await createWorld();
  iw = await invitationWorld(w);
  invitation = await visited(w, iw, [iw.matter.gid]);
});
afterAll(() => w?.h.close());

const today = () => shanghaiToday(new Date()).toISOString().slice(0, 10);
const caseInput = (matterGid: string, over: Record<string, unknown> = {}) => ({
  agencyId: w.agencyA.gid,
  matterId: matterGid,
  enterpriseId: w.enterprise.gid,
  violationOn: today(),
  facts: '复查发现仍未建立进货查验记录',
  ...over,
});

async function openCase(input: Record<string, unknown>, token = w.tokens.officerA): Promise<GqlJson> {
  const res = await w.h.gql(
    `mutation($input: OpenCaseInput!) { openCase(input: $input) { __typename ... on MutationOpenCaseSuccess { data { id number } } ${ERR} } }`,
    { input },
    token,
  );
  expect(res.errors).toBeUndefined();
  return res.data.openCase;
}

const afterInvitation = (id: string, statement: string, c: Record<string, unknown>, token = w.tokens.officerA) =>
  mutate(
    w,
    'openCaseAfterInvitation',
    'invitationId: $id, statement: $statement, case: $case',
    { id, statement, case: c },
    token,
  );

async function writesNothing<T>(fn: () => Promise<T>): Promise<T> {
  const before = await rowCounts(w.h.db.prisma);
  const r = await fn();
  expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  return r;
}

describe('a case after an invited visit', () => {
  it('core’s openCase on the visited enterprise and matter is refused, citing the invitation; nothing written', async () => {
    const r = await writesNothing(() => openCase(caseInput(iw.matter.gid)));
    expectTyped(r, 'RuleViolation', {
      rule: 'FLEXIBLE_INVITATION_CASE_CITE',
      zh: invitation,
      en: 'openCaseAfterInvitation',
    });
  });

  it('another matter, another party, another agency: not bound', async () => {
    expect((await openCase(caseInput(iw.matter2.gid))).__typename).toBe('MutationOpenCaseSuccess');
    const person = caseInput(iw.matter.gid, { enterpriseId: null, partyDescription: '流动摊贩一名' });
    expect((await openCase(person)).__typename).toBe('MutationOpenCaseSuccess');
    const b = caseInput(iw.matterB.gid, { agencyId: w.agencyB.gid });
    expect((await openCase(b, w.tokens.officerB)).__typename).toBe('MutationOpenCaseSuccess');
  });

  it('openCaseAfterInvitation opens it, states what was found after the visit and cites it', async () => {
    const r = await afterInvitation(invitation, '回访复查时发现仍在销售未查验来源的食品', caseInput(iw.matter.gid));
    expectTyped(r, 'MutationOpenCaseAfterInvitationSuccess');
    expect(r.invitationCitation).toMatchObject({
      statement: '回访复查时发现仍在销售未查验来源的食品',
      invitation: { id: invitation },
    });
    const read = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on Invitation { citations(first: 5) { totalCount edges { node { case { number } statement } } } } } }`,
      { id: invitation },
      w.tokens.enterprise,
    );
    expect(read.data.node.citations.edges).toEqual([
      { node: { case: { number: r.number }, statement: '回访复查时发现仍在销售未查验来源的食品' } },
    ]);
    const last = await w.h.db.prisma.event.findFirstOrThrow({
      where: { topic: 'flexibleEnforcement.invitationChanged' },
      orderBy: { id: 'desc' },
    });
    expect(last.payload).toMatchObject({ action: 'CASE_CITED', status: 'VISITED' });
    expect(
      await w.h.db.prisma.event.count({
        where: { topic: 'case.opened', caseId: Number(Buffer.from(r.id, 'base64').toString().split(':')[1]) },
      }),
    ).toBe(1);
  });

  it('refused: a visit that does not cover the case, one not yet visited, no statement, another agency', async () => {
    const notCovered = await writesNothing(() => afterInvitation(invitation, '查明事实', caseInput(iw.matter2.gid)));
    expectTyped(notCovered, 'RuleViolation', { rule: 'FLEXIBLE_INVITATION_NOT_BINDING' });
    const requested = await request(w, requestInput(w, iw));
    expectTyped(
      await writesNothing(() => afterInvitation(requested.id, '查明事实', caseInput(iw.matter.gid))),
      'RuleViolation',
      { rule: 'FLEXIBLE_INVITATION_NOT_BINDING' },
    );
    const person = caseInput(iw.matter.gid, { enterpriseId: null, partyDescription: '流动摊贩一名' });
    expectTyped(await writesNothing(() => afterInvitation(invitation, '查明事实', person)), 'RuleViolation', {
      rule: 'FLEXIBLE_INVITATION_NOT_BINDING',
    });
    const blank = await w.h.gql(
      `mutation($id: ID!, $c: OpenCaseInput!) { openCaseAfterInvitation(invitationId: $id, statement: "  ", case: $c) { __typename } }`,
      { id: invitation, c: caseInput(iw.matter.gid) },
      w.tokens.officerA,
    );
    expect(blank.data.openCaseAfterInvitation.__typename).toBe('ValidationError');
    expectTyped(
      await writesNothing(() => afterInvitation(invitation, '查明事实', caseInput(iw.matter.gid), w.tokens.officerB)),
      'NotFoundError',
    );
    expectTyped(
      await writesNothing(() => afterInvitation(invitation, '查明事实', caseInput(iw.matter.gid), w.tokens.enterprise)),
      'ForbiddenError',
    );
  });

  it('a visit binds through its anniversary; a year and a day after, a case is opened as any other', async () => {
    const p = w.h.db.prisma;
    const onMatter = async (yearsAgoDay: number) => {
      const m = await createMatter(p, { name: `周年事项${yearsAgoDay}` });
      const mgid = gid('EnforcementMatter', m.id);
      const id = await visited(w, iw, [mgid]);
      // The visit's day moved back: a year ago today (Shanghai), or a day earlier than that.
      const day = addDays(addYears(shanghaiToday(new Date()), -1), -yearsAgoDay);
      await p.invitation.update({
        where: { id: Number(Buffer.from(id, 'base64').toString().split(':')[1]) },
        data: { visitedAt: new Date(day.getTime() + 2 * 3600_000) },
      });
      return mgid;
    };
    const anniversary = await onMatter(0);
    const dayAfter = await onMatter(1);
    expectTyped(await writesNothing(() => openCase(caseInput(anniversary))), 'RuleViolation', {
      rule: 'FLEXIBLE_INVITATION_CASE_CITE',
    });
    expect((await openCase(caseInput(dayAfter))).__typename).toBe('MutationOpenCaseSuccess');
  });
});
