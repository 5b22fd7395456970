// The invitation service's rows of the plugin's authorisation matrix (access-matrix.ts spreads them). On a matter
// of their own (so that the world's matter stays unbound for every other row), the world's enterprise has invited
// the world's agency twice: one invitation REQUESTED, one VISITED. Inputs are harmless: whoever gets past
// authorisation meets a refusal about the input or the state and writes nothing.
import {
  mutationRow as mutation,
  queryRow as query,
  subscriptionRow as subscription,
  type MatrixWorld,
} from '@zhifa/testkit';
import type { PrismaClient } from '@zhifa/core/prisma';
import { globalId } from '@zhifa/core';

export interface InvitationFixtures {
  requested: string;
  visited: string;
  matter: string;
}

export async function invitationMatrixFixtures(w: MatrixWorld, prisma: PrismaClient): Promise<InvitationFixtures> {
  const matter = await prisma.enforcementMatter.create({
    data: {
      code: `MATRIX-INVITATION-${process.pid}`,
      name: '未按规定建立进货查验记录',
      domain: '市场监管',
      agencyKinds: ['ENFORCEMENT_AGENCY'],
      violatedProvision: '《中华人民共和国食品安全法》第五十三条',
      penaltyProvision: '《中华人民共和国食品安全法》第一百二十六条',
      penaltyKinds: ['WARNING', 'FINE'],
      fineMaxFen: 5_000_000n,
      limitationYears: 2,
      published: true,
      publishedAt: new Date(),
    },
  });
  const today = new Date(`${w.today}T00:00:00Z`);
  const base = {
    enterpriseId: w.enterprise.rowId,
    agencyId: w.agency.rowId,
    topics: '食品安全合规体检',
    preferredFrom: today,
    preferredTo: today,
    requestedBy: `enterprise:${w.enterprise.rowId}`,
    requestedAt: new Date(),
    matters: { create: [{ matterId: matter.id }] },
  };
  const requested = await prisma.invitation.create({ data: base });
  const visited = await prisma.invitation.create({
    data: {
      ...base,
      status: 'VISITED',
      respondedAt: new Date(),
      scheduledFor: new Date(),
      scheduledBy: 'system',
      visitedAt: new Date(),
      findings: '进货查验记录不全',
      advice: '建立台账',
    },
  });
  return {
    requested: globalId('Invitation', requested.id),
    visited: globalId('Invitation', visited.id),
    matter: globalId('EnforcementMatter', matter.id),
  };
}

const on = (field: string, extra = '', vars = '') =>
  `mutation($i: ID!${vars}) { ${field}(invitationId: $i${extra}) { __typename } }`;

export const invitationRows = (w: MatrixWorld, f: InvitationFixtures) => {
  const yesterday = new Date(new Date(`${w.today}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10);
  const tomorrow = new Date(new Date(`${w.today}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
  return [
    //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
    // The enterprise its own, the agency's persons their own, supervisors all; another agency's list is refused.
    query(
      'invitations',
      'DENY   allow      allow   DENY         allow       allow      DENY      allow  allow  allow',
      `query($a: ID!) { invitations(agencyId: $a, first: 5) { totalCount edges { node { id } } } }`,
      { a: w.agency.id },
    ),
    // Only the enterprise's own user invites (a window starting yesterday: refused as input).
    mutation(
      'requestInvitation',
      'DENY   allow      DENY    DENY         DENY        DENY       DENY      DENY   DENY   DENY',
      `mutation($i: RequestInvitationInput!) { requestInvitation(input: $i) { __typename } }`,
      {
        i: {
          enterpriseId: w.enterprise.id,
          agencyId: w.agency.id,
          topics: '矩阵测试',
          matterIds: [f.matter],
          preferredFrom: yesterday,
          preferredTo: w.today,
        },
      },
    ),
    // The invited agency's officers and admin (core's officerOf) answer, visit and close; another agency and the
    // survey organisation do not see the invitation; the enterprise and supervisors see it but do not act.
    mutation(
      'scheduleInvitation',
      'DENY   DENY       allow   none         allow       DENY       none      allow  DENY   DENY',
      on('scheduleInvitation', ', scheduledFor: "2020-01-01T00:00:00Z", officerIds: []'),
      { i: f.requested },
    ),
    mutation(
      'declineInvitation',
      'DENY   DENY       allow   none         allow       DENY       none      allow  DENY   DENY',
      on('declineInvitation', ', reason: "矩阵测试"'),
      { i: f.visited },
    ),
    mutation(
      'recordInvitationVisit',
      'DENY   DENY       allow   none         allow       DENY       none      allow  DENY   DENY',
      on('recordInvitationVisit', ', visitedAt: "2020-01-01T00:00:00Z", findings: "矩阵", advice: "矩阵"'),
      { i: f.visited },
    ),
    mutation(
      'closeInvitation',
      'DENY   DENY       allow   none         allow       DENY       none      allow  DENY   DENY',
      on('closeInvitation'),
      { i: f.requested },
    ),
    // The enterprise withdraws and rates its own.
    mutation(
      'withdrawInvitation',
      'DENY   allow      DENY    none         DENY        DENY       none      DENY   DENY   DENY',
      on('withdrawInvitation'),
      { i: f.visited },
    ),
    mutation(
      'rateInvitation',
      'DENY   allow      DENY    none         DENY        DENY       none      DENY   DENY   DENY',
      on('rateInvitation', ', rating: 5'),
      { i: f.requested },
    ),
    // A case after the visit: the agency's officers, as core's openCase (a violation dated tomorrow: refused as input).
    mutation(
      'openCaseAfterInvitation',
      'DENY   DENY       allow   none         allow       DENY       none      allow  DENY   DENY',
      `mutation($i: ID!, $c: OpenCaseInput!) { openCaseAfterInvitation(invitationId: $i, statement: "矩阵测试", case: $c) { __typename } }`,
      {
        i: f.visited,
        c: { agencyId: w.agency.id, matterId: f.matter, enterpriseId: w.enterprise.id, violationOn: tomorrow },
      },
    ),
    subscription(
      'invitationChanged',
      'DENY   allow      allow   DENY         allow       allow      DENY      allow  allow  allow',
      `subscription($a: ID!) { invitationChanged(agencyId: $a) { action } }`,
      { a: w.agency.id },
    ),
  ];
};
