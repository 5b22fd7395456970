// inspectionStats on a small set counted by hand (a joint inspection once for the enterprise; announced, surprise
// and unfiled by the filing; the year by Asia/Shanghai, its first instant in it and the one before not), who may
// read whose figures (the enterprises' ratings supervisors only), and a fixed number of statements whatever the
// number of visits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '@zhifa/testkit';
import { createInspectionWorld, insertFiling, insertVisit, type InspectionWorld } from './fixtures.js';

let w: InspectionWorld;
beforeAll(async () => {
  w = await createInspectionWorld();
  const p = w.h.db.prisma;
  const A = w.agencyA.id;
  const B = w.agencyB.id;
  const E1 = w.enterprise.id;
  const E2 = w.enterprise2.id;
  const offA = [w.people.officerA.id, w.officerA2.id];
  const offB = [w.people.officerB.id, w.officerB2.id];
  const day = (iso: string) => new Date(iso);
  const filing = (agencyId: number, enterpriseId: number, at: string, notice: 'AGREED' | 'SURPRISE', joint?: number) =>
    insertFiling(w, {
      agencyId,
      enterpriseId,
      schemeId: agencyId === A ? w.schemeA.id : w.schemeB.id,
      itemIds: [agencyId === A ? w.itemA.id : w.itemB.id],
      officerIds: agencyId === A ? offA : offB,
      plannedFrom: day(at),
      plannedTo: day(at),
      notice,
      jointInspectionId: joint ?? null,
    });
  const visit = (agencyId: number, enterpriseId: number, at: string, filingId?: number, joint?: number) =>
    insertVisit(w, {
      agencyId,
      enterpriseId,
      visitedAt: day(at),
      itemIds: [agencyId === A ? w.itemA.id : w.itemB.id],
      officerIds: agencyId === A ? offA : offB,
      filingId: filingId ?? null,
      jointInspectionId: joint ?? null,
    });
  const joint = await p.jointInspection.create({
    data: {
      enterpriseId: E2,
      leadAgencyId: A,
      windowFrom: day('2026-07-01T00:00:00Z'),
      windowTo: day('2026-07-02T00:00:00Z'),
      createdBy: 'system:test',
      createdAt: day('2026-06-20T00:00:00Z'),
    },
  });
  const v1 = await visit(A, E1, '2026-03-01T02:00:00Z', (await filing(A, E1, '2026-03-01T02:00:00Z', 'AGREED')).id);
  await visit(A, E1, '2026-05-01T02:00:00Z', (await filing(A, E1, '2026-05-01T02:00:00Z', 'SURPRISE')).id);
  await visit(A, E1, '2026-06-01T02:00:00Z');
  await visit(
    A,
    E2,
    '2026-07-01T02:00:00Z',
    (await filing(A, E2, '2026-07-01T02:00:00Z', 'AGREED', joint.id)).id,
    joint.id,
  );
  await visit(
    B,
    E2,
    '2026-07-01T03:00:00Z',
    (await filing(B, E2, '2026-07-01T03:00:00Z', 'AGREED', joint.id)).id,
    joint.id,
  );
  const v6 = await visit(B, E1, '2026-08-01T02:00:00Z');
  // 1 January 2026 00:00 Shanghai is in 2026; the millisecond before is in 2025.
  await visit(A, E1, '2025-12-31T16:00:00.000Z');
  await visit(A, E2, '2025-12-31T15:59:59.999Z');
  const v9 = await visit(A, E1, '2025-06-01T02:00:00Z');
  const warning = (
    rule: 'UNFILED' | 'MULTI_AGENCY' | 'REPEATED' | 'HIGH_FREQUENCY',
    agencyId: number,
    status: string,
    at: string,
  ) =>
    p.inspectionWarning.create({
      data: {
        rule,
        dedupeKey: `${rule}:${agencyId}:${at}`,
        enterpriseId: E1,
        agencyId,
        agencyIds: [agencyId],
        visitIds: [],
        evidence: {},
        basis: '国办发〔2024〕54号',
        status: status as 'RAISED',
        raisedAt: day(at),
      },
    });
  await warning('MULTI_AGENCY', A, 'RAISED', '2026-07-02T00:00:00Z');
  await warning('UNFILED', A, 'CLOSED', '2026-06-01T03:00:00Z');
  await warning('UNFILED', A, 'RAISED', '2026-01-01T03:00:00Z');
  await warning('REPEATED', B, 'ASSIGNED', '2026-08-01T03:00:00Z');
  await warning('HIGH_FREQUENCY', A, 'RAISED', '2025-06-01T03:00:00Z');
  const rating = (visitId: number, agencyId: number, score: number, at: string) =>
    p.inspectionRating.create({
      data: { visitId, enterpriseId: E1, agencyId, score, ratedBy: `enterprise:${E1}`, ratedAt: day(at) },
    });
  await rating(v1.id, A, 5, '2026-03-02T02:00:00Z');
  await rating(v6.id, B, 2, '2026-08-02T02:00:00Z');
  await rating(v9.id, A, 1, '2025-06-02T02:00:00Z');
});
afterAll(() => w?.h.close());

const STATS = `query($a: ID, $y: Int!) { inspectionStats(agencyId: $a, year: $y) {
  agency { id } year visits inspections enterprises announced surprise unfiled jointVisits jointInspections jointShare
  previousYear { visits inspections } inspectionsChange
  distribution { inspections enterprises } topEnterprises { enterpriseId name inspections }
  warnings { total unfiled { total raised closed } multiAgency { total raised } repeated { total assigned } highFrequency { total } }
  ratings { count average } } }`;

const stats = (token: string, agencyId: string | null, year = 2026) => w.h.gql(STATS, { a: agencyId, y: year }, token);

describe('the figures, counted by hand', () => {
  it('the county: a joint inspection once, announced/surprise/unfiled, the year before, warnings, ratings', async () => {
    const res = await stats(w.tokens.supervisor, null);
    expect(res.errors).toBeUndefined();
    expect(res.data.inspectionStats).toEqual({
      agency: null,
      year: 2026,
      visits: 7,
      inspections: 6,
      enterprises: 2,
      announced: 3,
      surprise: 1,
      unfiled: 3,
      jointVisits: 2,
      jointInspections: 1,
      jointShare: 1 / 6,
      previousYear: { visits: 2, inspections: 2 },
      inspectionsChange: 2,
      distribution: [
        { inspections: 1, enterprises: 1 },
        { inspections: 5, enterprises: 1 },
      ],
      topEnterprises: [
        { enterpriseId: w.enterprise.gid, name: w.enterprise.name, inspections: 5 },
        { enterpriseId: w.enterprise2.gid, name: w.enterprise2.name, inspections: 1 },
      ],
      warnings: {
        total: 4,
        unfiled: { total: 2, raised: 1, closed: 1 },
        multiAgency: { total: 1, raised: 1 },
        repeated: { total: 1, assigned: 1 },
        highFrequency: { total: 0 },
      },
      ratings: { count: 2, average: 3.5 },
    });
  });

  it('one agency, for a supervisor: its own visits, warnings and ratings', async () => {
    const s = (await stats(w.tokens.supervisor, w.agencyA.gid)).data.inspectionStats;
    expect(s).toMatchObject({
      agency: { id: w.agencyA.gid },
      visits: 5,
      inspections: 5,
      announced: 2,
      surprise: 1,
      unfiled: 2,
      jointVisits: 1,
      jointInspections: 1,
      previousYear: { visits: 2, inspections: 2 },
      inspectionsChange: 1.5,
      distribution: [
        { inspections: 1, enterprises: 1 },
        { inspections: 4, enterprises: 1 },
      ],
      warnings: { total: 3, repeated: { total: 0 } },
      ratings: { count: 1, average: 5 },
    });
  });

  it('a year without visits: zeros, no share, no change', async () => {
    const s = (await stats(w.tokens.supervisor, null, 2024)).data.inspectionStats;
    expect(s).toMatchObject({ visits: 0, inspections: 0, jointShare: null, inspectionsChange: null, distribution: [] });
    expect((await stats(w.tokens.supervisor, null, 2025)).data.inspectionStats.inspectionsChange).toBeNull();
  });
});

describe('whose figures', () => {
  it('agency staff read their own agency (named or not) without the ratings; another agency’s is refused', async () => {
    for (const a of [null, w.agencyA.gid]) {
      const s = (await stats(w.tokens.officerA, a)).data.inspectionStats;
      expect(s).toMatchObject({ agency: { id: w.agencyA.gid }, visits: 5, ratings: null });
    }
    const head = (await stats(w.h.token(`person:${w.headA.id}`), null)).data.inspectionStats;
    expect(head.ratings).toBeNull();
    const other = await stats(w.tokens.officerA, w.agencyB.gid);
    expect(other.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(other.data?.inspectionStats ?? null).toBeNull();
  });

  it('the public and the enterprise read nothing', async () => {
    expect((await stats('', null)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await stats(w.tokens.enterprise, null)).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses a year outside 2020–2100 as input', async () => {
    expect((await stats(w.tokens.supervisor, null, 1999)).errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
  });
});

describe('cost', () => {
  it('the same statements at a handful of visits and at thousands more', async () => {
    const run = () => countStatements(w.h, () => stats(w.tokens.supervisor, w.agencyA.gid));
    const small = await run();
    expect(small.result.errors).toBeUndefined();
    await w.h.db.prisma.$executeRaw`
      INSERT INTO "InspectionVisit" ("agencyId", "enterpriseId", "visitedAt", "codeKeyId", "recordedBy", "recordedAt")
      SELECT ${w.agencyA.id}::int, CASE WHEN g % 2 = 0 THEN ${w.enterprise.id}::int ELSE ${w.enterprise2.id}::int END,
        TIMESTAMP '2026-02-01 00:00:00' + make_interval(mins => g), 'bulk', 'system:test', TIMESTAMP '2026-02-01 00:00:00'
      FROM generate_series(1, 5000) g`;
    const large = await run();
    expect(large.result.data.inspectionStats.visits).toBe(5005);
    expect(large.count).toBe(small.count);
    // The visits' figures, the enterprises', the warnings', the ratings' and the agency row.
    expect(small.count).toBeLessThanOrEqual(5);
  });
});
