// `enterprises(first: N) { invitations(first: 5) { … officers matters } }` costs the same statements for 2
// enterprises as for 20 (the N+1 guard), for a supervisor and for the agency's officer (whose row rule is
// ANDed into the nested lists); `agency { invitations }` likewise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeUscc } from '@zhifa/core/rules';
import { countStatements, type GqlJson } from '@zhifa/testkit';
import { createWorld, type World } from './fixtures.js';
import { invitationWorld, type InvitationWorld } from './invitation-helpers.js';

let w: World;
let iw: InvitationWorld;
beforeAll(async () => {
  w = await createWorld();
  iw = await invitationWorld(w);
  const p = w.h.db.prisma;
  for (let i = 0; i < 20; i++) {
    const e = await p.enterprise.create({
      data: {
        uscc: completeUscc(`91320923MA1NP${String(i).padStart(3, '0')}`),
        name: `邀约企业${i}`,
        kind: 'COMPANY',
        legalRepresentative: '某',
        address: '阜宁县',
        industry: '食品',
        scale: 'SMALL',
        employees: 5,
        creditRiskClass: 'A',
      },
    });
    for (const status of ['REQUESTED', 'VISITED'] as const)
      await p.invitation.create({
        data: {
          enterpriseId: e.id,
          agencyId: w.agencyA.id,
          status,
          topics: '合规体检',
          preferredFrom: new Date('2026-01-05T00:00:00Z'),
          preferredTo: new Date('2026-01-09T00:00:00Z'),
          requestedBy: `enterprise:${e.id}`,
          requestedAt: new Date(),
          ...(status === 'VISITED'
            ? { scheduledFor: new Date(), visitedAt: new Date(), findings: '无', advice: '保持' }
            : {}),
          matters: { create: [{ matterId: iw.matter.id }, { matterId: iw.matter2.id }] },
          officers:
            status === 'VISITED'
              ? { create: [{ personId: w.people.officerA.id }, { personId: iw.officerA2.id }] }
              : undefined,
        },
      });
  }
});
afterAll(() => w?.h.close());

const Q = `query($n: Int!) { enterprises(first: $n) { edges { node { name
  invitations(first: 5) { totalCount edges { node { status topics agency { name }
    officers(first: 5) { totalCount edges { node { name certificateNumber } } }
    matters(first: 10) { totalCount edges { node { matter { code name } } } }
    citations(first: 5) { totalCount } } } } } } } }`;

describe('N+1', () => {
  for (const who of ['supervisor', 'officerA'] as const)
    it(`${who}: the same statements for 2 enterprises as for 20`, async () => {
      const run = (n: number) => countStatements(w.h, () => w.h.gql(Q, { n }, w.tokens[who]));
      await run(2); // the caller's first request reads who they are
      const a = await run(2);
      const b = await run(20);
      expect(b.result.errors).toBeUndefined();
      const edges = b.result.data.enterprises.edges as GqlJson[];
      expect(edges).toHaveLength(20);
      const withInvitations = edges.filter((e) => e.node.invitations.totalCount === 2);
      expect(withInvitations.length).toBeGreaterThanOrEqual(19);
      const visited = withInvitations[0].node.invitations.edges.find((x: GqlJson) => x.node.status === 'VISITED');
      expect(visited.node.officers.totalCount).toBe(2);
      expect(visited.node.matters.edges).toHaveLength(2);
      expect(b.count).toBe(a.count);
    });

  it('another agency’s officer: the same enterprises, none of their invitations, still constant', async () => {
    const run = (n: number) => countStatements(w.h, () => w.h.gql(Q, { n }, w.tokens.officerB));
    await run(2);
    const a = await run(2);
    const b = await run(20);
    expect(b.result.errors).toBeUndefined();
    expect(b.result.data.enterprises.edges.every((e: GqlJson) => e.node.invitations.totalCount === 0)).toBe(true);
    expect(b.count).toBe(a.count);
  });
});
