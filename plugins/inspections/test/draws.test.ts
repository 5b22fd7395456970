// 双随机、一公开 through the API: a draw by the agency's officer, stored with its seed and pools, recomputed by anyone
// who may read it; published once (then public); each refusal typed, bilingual and writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTyped, gid, rowCounts } from '@zhifa/testkit';
import { completeUscc } from '@zhifa/core/rules';
import { createInspectionWorld, INSPECTION_ERR, type InspectionWorld } from './fixtures.js';

let w: InspectionWorld;
const extra: number[] = [];
beforeAll(async () => {
  w = await createInspectionWorld();
  // Six more enterprises in the township, classes A, A, B, C, C, D (with the world's B and D: a pool of eight).
  for (const [i, cls] of (['A', 'A', 'B', 'C', 'C', 'D'] as const).entries()) {
    const e = await w.h.db.prisma.enterprise.create({
      data: {
        uscc: completeUscc(`91320923MA7DRW0${i}X`),
        name: `阜宁县抽查测试${i}号商行`,
        kind: 'INDIVIDUAL_BUSINESS',
        legalRepresentative: '测试',
        address: '阜宁县益林镇',
        townshipId: w.township.id,
        industry: i < 3 ? '餐饮' : '零售',
        scale: 'MICRO',
        employees: 3,
        creditRiskClass: cls,
      },
    });
    extra.push(e.id);
  }
});
afterAll(() => w?.h.close());

const DRAW_FIELDS = `id seed weights filter enterprisePool enterprisePoolClasses officerPool enterpriseCount
  officersPerEnterprise publishedAt agency { id } matter { id }
  enterprises(first: 50) { totalCount edges { node { position enterpriseName uscc creditRiskClass enterprise { id }
  officers { id } } } }`;

const DRAW = `mutation($i: DrawInspectionSampleInput!) { drawInspectionSample(input: $i) { ${INSPECTION_ERR}
  ... on MutationDrawInspectionSampleSuccess { data { ${DRAW_FIELDS} } } } }`;

async function draw(input: Record<string, unknown>, token = w.tokens.officerA) {
  const res = await w.h.gql(DRAW, { i: { agencyId: w.agencyA.gid, matterId: w.matterA.gid, ...input } }, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data.drawInspectionSample;
}

async function writesNothing<T>(fn: () => Promise<T>): Promise<T> {
  const before = await rowCounts(w.h.db.prisma);
  const r = await fn();
  expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  return r;
}

const replay = (id: string, token?: string) =>
  w.h.gql(
    `query($d: ID!) { replayInspectionDraw(drawId: $d) { reproduced enterpriseIds draw { id } } }`,
    { d: id },
    token,
  );

const publish = (id: string, token = w.tokens.officerA) =>
  w.h.gql(
    `mutation($d: ID!) { publishInspectionDraw(drawId: $d) { ${INSPECTION_ERR}
      ... on MutationPublishInspectionDrawSuccess { data { id publishedAt } } } }`,
    { d: id },
    token,
  );

describe('drawing', () => {
  it('draws from the county-wide pool, two enforceable officers each, and stores the seed, weights and pools', async () => {
    const d = expectTyped(await draw({ enterpriseCount: 3 }), 'MutationDrawInspectionSampleSuccess').data;
    expect(d.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(d.weights).toEqual({ A: 1, B: 2, C: 4, D: 8 });
    const all = await w.h.db.prisma.enterprise.findMany({ orderBy: { id: 'asc' } });
    expect(d.enterprisePool).toEqual(all.map((e) => gid('Enterprise', e.id)));
    expect(d.enterprisePoolClasses).toBe(all.map((e) => e.creditRiskClass).join(''));
    expect([...d.officerPool].sort()).toEqual([w.people.officerA.gid, w.officerA2.gid].sort());
    expect(d).toMatchObject({ enterpriseCount: 3, officersPerEnterprise: 2, publishedAt: null });
    const rows = d.enterprises.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(rows.map((r: { position: number }) => r.position)).toEqual([1, 2, 3]);
    for (const r of rows) {
      expect(r.officers).toHaveLength(2);
      expect(r.enterpriseName).toBeTruthy();
    }
    const event = await w.h.db.prisma.event.findFirstOrThrow({
      where: { topic: 'inspections.drawChanged' },
      orderBy: { id: 'desc' },
    });
    expect(event).toMatchObject({ agencyId: w.agencyA.id, public: false });
  });

  it('is recomputed from its stored inputs; a tampered result is not reproduced', async () => {
    const d = (await draw({ enterpriseCount: 4 })).data;
    const r = await replay(d.id, w.tokens.officerA);
    expect(r.data.replayInspectionDraw).toEqual({
      reproduced: true,
      enterpriseIds: d.enterprises.edges.map((e: { node: { enterprise: { id: string } } }) => e.node.enterprise.id),
      draw: { id: d.id },
    });
    const drawId = Number(Buffer.from(d.id, 'base64').toString().split(':')[1]);
    await w.h.db.prisma.inspectionDrawEnterprise.update({
      where: { drawId_position: { drawId, position: 1 } },
      data: { officerIds: [w.people.officerA.id, w.people.officerA.id] },
    });
    expect((await replay(d.id, w.tokens.officerA)).data.replayInspectionDraw.reproduced).toBe(false);
  });

  it('narrows the pool by township, industry and credit class', async () => {
    const d = (
      await draw({ enterpriseCount: 2, townshipId: w.township.gid, industry: '零售', creditRiskClasses: ['C'] })
    ).data;
    expect(d.filter).toEqual({ townshipId: w.township.id, industry: '零售', creditRiskClasses: ['C'] });
    expect(d.enterprisePool).toEqual([gid('Enterprise', extra[3]), gid('Enterprise', extra[4])]);
    expect(d.enterprisePoolClasses).toBe('CC');
  });

  it('is the agency’s until published; then public, once', async () => {
    const d = (await draw({ enterpriseCount: 1 })).data;
    const list = (token?: string) =>
      w.h.gql(`{ inspectionDraws(first: 50) { totalCount edges { node { id } } } }`, {}, token);
    const ids = async (token?: string) =>
      (await list(token)).data.inspectionDraws.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await ids()).not.toContain(d.id);
    expect(await ids(w.tokens.officerB)).not.toContain(d.id);
    expect(await ids(w.tokens.supervisor)).toContain(d.id);
    expect((await replay(d.id)).data.replayInspectionDraw).toBeNull();
    const p = expectTyped((await publish(d.id)).data.publishInspectionDraw, 'MutationPublishInspectionDrawSuccess');
    expect(p.data.publishedAt).not.toBeNull();
    expect(await ids()).toContain(d.id);
    expect((await replay(d.id)).data.replayInspectionDraw.reproduced).toBe(true);
    // The public reads the result (names, USCC, class), not the officers' or enterprises' records.
    const pub = await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on InspectionDraw { enterprises(first: 5) { edges { node {
        enterpriseName uscc creditRiskClass enterprise { id } officers { id } } } } } } }`,
      { id: d.id },
    );
    const row = pub.data.node.enterprises.edges[0].node;
    expect(row).toMatchObject({ enterprise: null, officers: [] });
    expect(row.enterpriseName).toBeTruthy();
    const published = await w.h.gql(`{ inspectionDraws(published: true, first: 50) { edges { node { id } } } }`);
    expect(published.data.inspectionDraws.edges).toEqual([{ node: { id: d.id } }]);
    expect((await w.h.db.prisma.event.findFirstOrThrow({ orderBy: { id: 'desc' } })).public).toBe(true);
    expectTyped((await writesNothing(() => publish(d.id))).data.publishInspectionDraw, 'RuleViolation', {
      rule: 'INSPECTION_DRAW_PUBLISHED',
    });
  });
});

describe('refusals', () => {
  it('refuses an agency not yet qualified to inspect (the day of qualification allowed, the day before refused)', async () => {
    const p = w.h.db.prisma;
    const today = new Date(`${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00Z`);
    await p.agency.update({
      where: { id: w.agencyA.id },
      data: { inspectionQualifiedOn: new Date(today.getTime() + 86_400_000) },
    });
    try {
      expectTyped(await writesNothing(() => draw({ enterpriseCount: 1 })), 'RuleViolation', {
        rule: 'INSPECTION_AGENCY_NOT_QUALIFIED',
        zh: '行政检查主体资格',
      });
      await p.agency.update({ where: { id: w.agencyA.id }, data: { inspectionQualifiedOn: today } });
      expectTyped(await draw({ enterpriseCount: 1 }), 'MutationDrawInspectionSampleSuccess');
    } finally {
      await p.agency.update({ where: { id: w.agencyA.id }, data: { inspectionQualifiedOn: new Date('2025-03-31') } });
    }
  });

  it('refuses a matter the agency may not enforce', async () => {
    expectTyped(await writesNothing(() => draw({ enterpriseCount: 1, matterId: w.matterB.gid })), 'RuleViolation', {
      rule: 'INSPECTION_DRAW_MATTER',
    });
  });

  it('refuses more enterprises than the pool holds (the pool’s size allowed, one more refused) and a bad count', async () => {
    const onlyD = { creditRiskClasses: ['D'], townshipId: w.township.gid };
    expectTyped(await draw({ enterpriseCount: 1, ...onlyD }), 'MutationDrawInspectionSampleSuccess');
    expectTyped(await writesNothing(() => draw({ enterpriseCount: 2, ...onlyD })), 'RuleViolation', {
      rule: 'INSPECTION_DRAW_POOL_TOO_SMALL',
    });
    expectTyped(await writesNothing(() => draw({ enterpriseCount: 0 })), 'ValidationError');
  });

  it('refuses a township outside the caller’s area', async () => {
    expectTyped(await writesNothing(() => draw({ enterpriseCount: 1, townshipId: w.agencyB.gid })), 'ValidationError');
  });

  it('refuses when fewer than two officers may enforce', async () => {
    const p = w.h.db.prisma;
    await p.person.update({ where: { id: w.officerA2.id }, data: { certificateStatus: 'SUSPENDED' } });
    try {
      expectTyped(await writesNothing(() => draw({ enterpriseCount: 1 })), 'RuleViolation', {
        rule: 'INSPECTION_DRAW_OFFICERS',
        zh: '第42条',
      });
    } finally {
      await p.person.update({ where: { id: w.officerA2.id }, data: { certificateStatus: 'VALID' } });
    }
  });

  it('refuses another agency’s officer, and the public', async () => {
    expectTyped(await writesNothing(() => draw({ enterpriseCount: 1 }, w.tokens.officerB)), 'ForbiddenError');
    expectTyped(await writesNothing(() => draw({ enterpriseCount: 1 }, '')), 'UnauthenticatedError');
  });
});
