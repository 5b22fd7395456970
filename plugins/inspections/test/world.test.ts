// The shared world builds, and what it promises holds: both agencies may inspect, each has two officers who may
// enforce and a head, and each item is published with its matter and covered by an approved scheme.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInspectionWorld, insertFiling, insertVisit, type InspectionWorld } from './fixtures.js';

let w: InspectionWorld;
beforeAll(async () => {
  w = await createInspectionWorld();
});
afterAll(() => w?.h.close());

describe('the inspections test world', () => {
  it('has qualified agencies, published items with their matters and approved schemes', async () => {
    const p = w.h.db.prisma;
    const agencies = await p.agency.findMany({ where: { id: { in: [w.agencyA.id, w.agencyB.id] } } });
    expect(agencies.every((a) => a.inspectionQualifiedOn !== null)).toBe(true);
    const items = await p.inspectionItem.findMany({ include: { matters: true }, orderBy: { id: 'asc' } });
    expect(items.map((i) => [i.agencyId, i.matters[0]?.matterId, i.publishedAt !== null])).toEqual([
      [w.agencyA.id, w.matterA.id, true],
      [w.agencyB.id, w.matterB.id, true],
    ]);
    const schemes = await p.inspectionScheme.findMany({ include: { items: true }, orderBy: { id: 'asc' } });
    expect(schemes.map((s) => [s.status, s.items[0]?.itemId])).toEqual([
      ['APPROVED', w.itemA.id],
      ['APPROVED', w.itemB.id],
    ]);
  });

  it('writes a filing and a visit whose items carry the visit’s agency, enterprise and time', async () => {
    const at = new Date('2026-05-10T02:00:00Z');
    const officerIds = [w.people.officerA.id, w.officerA2.id];
    const f = await insertFiling(w, {
      agencyId: w.agencyA.id,
      enterpriseId: w.enterprise.id,
      schemeId: w.schemeA.id,
      itemIds: [w.itemA.id],
      officerIds,
      plannedFrom: at,
      plannedTo: new Date(at.getTime() + 86_400_000),
    });
    const v = await insertVisit(w, {
      agencyId: w.agencyA.id,
      enterpriseId: w.enterprise.id,
      visitedAt: at,
      itemIds: [w.itemA.id],
      officerIds,
      filingId: f.id,
    });
    const items = await w.h.db.prisma.inspectionVisitItem.findMany({ where: { visitId: v.id } });
    expect(items).toEqual([
      { visitId: v.id, itemId: w.itemA.id, agencyId: w.agencyA.id, enterpriseId: w.enterprise.id, visitedAt: at },
    ]);
  });
});
