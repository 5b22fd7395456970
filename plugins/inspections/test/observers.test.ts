// 特邀行政执法监督员 (county plan task 15) through the API: invited to a major filing by its agency, or to a joint
// inspection by its lead agency, the special supervisor reads it and its visits — by node and through nested fields;
// one not invited reads nothing. Every refusal typed, bilingual and writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTyped, gid, rowCounts } from '@zhifa/testkit';
import { createInspectionWorld, INSPECTION_ERR, insertFiling, insertVisit, type InspectionWorld } from './fixtures.js';

let w: InspectionWorld;
let uninvited: { id: number; gid: string; token: string };
const t = (h: number) => new Date(Date.UTC(2026, 5, 1, h));
let major: { id: number; gid: string };
let plain: { id: number; gid: string };
let joint: { id: number; gid: string };
let visits: { major: string; joint: string };

beforeAll(async () => {
  w = await createInspectionWorld();
  const p = w.h.db.prisma;
  const other = await p.person.create({
    data: { agencyId: w.justice.id, name: '特邀监督员二', roles: ['SPECIAL_SUPERVISOR'] },
  });
  uninvited = { id: other.id, gid: gid('Person', other.id), token: w.h.token(`person:${other.id}`) };
  const officersA = [w.people.officerA.id, w.officerA2.id];
  const officersB = [w.people.officerB.id, w.officerB2.id];
  const fileA = (from: number) =>
    insertFiling(w, {
      agencyId: w.agencyA.id,
      enterpriseId: w.enterprise.id,
      schemeId: w.schemeA.id,
      itemIds: [w.itemA.id],
      officerIds: officersA,
      plannedFrom: t(from),
      plannedTo: t(from + 4),
    });
  const m = await fileA(1);
  await p.inspectionFiling.update({ where: { id: m.id }, data: { major: true } });
  major = { id: m.id, gid: gid('InspectionFiling', m.id) };
  const pl = await fileA(10);
  plain = { id: pl.id, gid: gid('InspectionFiling', pl.id) };
  const j = await p.jointInspection.create({
    data: {
      enterpriseId: w.enterprise.id,
      leadAgencyId: w.agencyA.id,
      windowFrom: t(14),
      windowTo: t(16),
      createdBy: 'system:test',
      createdAt: new Date(),
    },
  });
  joint = { id: j.id, gid: gid('JointInspection', j.id) };
  const fB = await insertFiling(w, {
    agencyId: w.agencyB.id,
    enterpriseId: w.enterprise.id,
    schemeId: w.schemeB.id,
    itemIds: [w.itemB.id],
    officerIds: officersB,
    plannedFrom: t(13),
    plannedTo: t(17),
    jointInspectionId: j.id,
  });
  const vm = await insertVisit(w, {
    agencyId: w.agencyA.id,
    enterpriseId: w.enterprise.id,
    visitedAt: t(2),
    itemIds: [w.itemA.id],
    officerIds: officersA,
    filingId: m.id,
  });
  const vj = await insertVisit(w, {
    agencyId: w.agencyB.id,
    enterpriseId: w.enterprise.id,
    visitedAt: t(15),
    itemIds: [w.itemB.id],
    officerIds: officersB,
    filingId: fB.id,
    jointInspectionId: j.id,
  });
  visits = { major: gid('InspectionVisit', vm.id), joint: gid('InspectionVisit', vj.id) };
});
afterAll(() => w?.h.close());

const invite = (vars: Record<string, unknown>, token = w.tokens.officerA) =>
  w.h
    .gql(
      `mutation($p: ID!, $f: ID, $j: ID) { inviteInspectionObserver(personId: $p, filingId: $f, jointInspectionId: $j) {
        ${INSPECTION_ERR} ... on MutationInviteInspectionObserverSuccess { data { id person { id } filing { id }
        jointInspection { id } } } } }`,
      { p: w.specialSupervisor.gid, ...vars },
      token,
    )
    .then((r) => r.data.inviteInspectionObserver);

async function writesNothing<T>(fn: () => Promise<T>): Promise<T> {
  const before = await rowCounts(w.h.db.prisma);
  const r = await fn();
  expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  return r;
}

const read = (id: string, token: string) =>
  w.h
    .gql(
      `query($id: ID!) { node(id: $id) { id
        ... on InspectionFiling { filingVisits: visits { id } observers(first: 5) { totalCount } }
        ... on JointInspection { filings(first: 5) { totalCount } visits(first: 5) { edges { node { id } } } } } }`,
      { id },
      token,
    )
    .then((r) => r.data.node);

describe('inviting a special supervisor', () => {
  it('to a major filing, by its agency: the invited one reads it and its visit; another special supervisor does not', async () => {
    expect(await read(major.gid, w.specialSupervisor.token)).toBeNull();
    const o = expectTyped(await invite({ f: major.gid }), 'MutationInviteInspectionObserverSuccess').data;
    expect(o).toMatchObject({
      person: { id: w.specialSupervisor.gid },
      filing: { id: major.gid },
      jointInspection: null,
    });
    const seen = await read(major.gid, w.specialSupervisor.token);
    expect(seen.filingVisits).toEqual([{ id: visits.major }]);
    expect((await read(visits.major, w.specialSupervisor.token))?.id).toBe(visits.major);
    expect(await read(major.gid, uninvited.token)).toBeNull();
    expect(await read(visits.major, uninvited.token)).toBeNull();
    const event = await w.h.db.prisma.event.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect([event.topic, (event.payload as { action: string }).action]).toEqual([
      'inspections.jointInspectionChanged',
      'INVITED',
    ]);
  });

  it('to a joint inspection, by its lead agency: the invited one reads it, its filings and its visits', async () => {
    expect(await read(joint.gid, w.specialSupervisor.token)).toBeNull();
    expectTyped(await invite({ j: joint.gid }), 'MutationInviteInspectionObserverSuccess');
    const seen = await read(joint.gid, w.specialSupervisor.token);
    expect(seen.filings.totalCount).toBe(1);
    expect(seen.visits.edges).toEqual([{ node: { id: visits.joint } }]);
    expect((await read(visits.joint, w.specialSupervisor.token))?.id).toBe(visits.joint);
    expect(await read(joint.gid, uninvited.token)).toBeNull();
    expect(await read(visits.joint, uninvited.token)).toBeNull();
  });

  it('refuses someone not a special supervisor, a filing not major, a second invitation, and neither or both targets', async () => {
    expectTyped(await writesNothing(() => invite({ p: w.people.supervisor.gid, f: major.gid })), 'RuleViolation', {
      rule: 'INSPECTION_OBSERVER_ROLE',
      zh: '特邀行政执法监督员',
    });
    expectTyped(await writesNothing(() => invite({ f: plain.gid })), 'RuleViolation', {
      rule: 'INSPECTION_OBSERVER_TARGET',
    });
    expectTyped(await writesNothing(() => invite({ f: major.gid })), 'RuleViolation', {
      rule: 'INSPECTION_OBSERVER_DUPLICATE',
    });
    expectTyped(await writesNothing(() => invite({})), 'ValidationError');
    expectTyped(await writesNothing(() => invite({ f: major.gid, j: joint.gid })), 'ValidationError');
  });

  it('refuses another agency: a filing it cannot see is unknown; a member of a joint inspection is not its lead', async () => {
    expectTyped(await writesNothing(() => invite({ f: major.gid }, w.tokens.officerB)), 'NotFoundError');
    expectTyped(await writesNothing(() => invite({ j: joint.gid }, w.tokens.officerB)), 'ForbiddenError');
    expectTyped(await writesNothing(() => invite({ f: major.gid }, w.tokens.enterprise)), 'ForbiddenError');
  });
});
