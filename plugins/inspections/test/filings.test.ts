// fileInspection and cancelInspectionFiling through yoga.fetch: who may file, the agency's qualification (task 5),
// the scheme (approved, or urgent and pending within its deadline), the officers (行政处罚法 第42条), the items, the
// window at its boundaries, 事先沟通 or a surprise with its reason, joining a joint inspection; every refusal typed,
// bilingual and writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectTyped, gid, rowCounts } from '@zhifa/testkit';
import { CANCEL, createVisitWorld, FILE, fileOk, filingInput, hours, type VisitWorld } from './visit-helpers.js';

let w: VisitWorld;
beforeAll(async () => {
  w = await createVisitWorld();
});
afterAll(() => w?.h.close());

const TABLES = ['InspectionFiling', 'InspectionFilingItem', 'InspectionFilingOfficer', 'Event'];

async function refused(over: Record<string, unknown>, typename: string, rule?: string, token = w.tokens.officerA) {
  const before = await rowCounts(w.h.db.prisma, TABLES);
  const r = await w.h.gql(FILE, { i: filingInput(w, over) }, token);
  expect(r.errors).toBeUndefined();
  const e = expectTyped(r.data.fileInspection, typename, rule ? { rule } : {});
  expect(await rowCounts(w.h.db.prisma, TABLES)).toEqual(before);
  return e;
}

describe('fileInspection', () => {
  it('files an agreed visit: items with their basis, officers with their certificates, and its event', async () => {
    const f = await fileOk(w, { major: true });
    expect(f).toMatchObject({
      status: 'FILED',
      notice: 'AGREED',
      major: true,
      jointInspectionId: null,
      schemeId: w.schemeA.gid,
      items: [{ itemId: w.itemA.gid, name: '营业执照公示情况检查', basis: '《市场主体登记管理条例》第三十六条' }],
    });
    expect(f.officers.map((o: { name: string }) => o.name).sort()).toEqual(
      ['甲局执法员二', w.people.officerA.name].sort(),
    );
    const ev = await w.h.db.prisma.event.findFirstOrThrow({
      where: { topic: 'inspections.filingChanged' },
      orderBy: { id: 'desc' },
    });
    expect(ev).toMatchObject({ agencyId: w.agencyA.id, enterpriseId: w.enterprise.id });
  });

  it('a surprise check is filed with its reason and is not announced to the enterprise', async () => {
    const f = await fileOk(w, { notice: 'SURPRISE', noticeNote: '群众举报涉嫌销售过期食品，需突击检查' });
    const ev = await w.h.db.prisma.event.findFirstOrThrow({
      where: { topic: 'inspections.filingChanged' },
      orderBy: { id: 'desc' },
    });
    expect(ev.enterpriseId).toBeNull();
    const seen = await w.h.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: f.id }, w.tokens.enterprise);
    expect(seen.data.node).toBeNull();
    await refused({ notice: 'SURPRISE', noticeNote: '  ' }, 'ValidationError');
  });

  it('an officer filing for another agency is refused', async () => {
    await refused({}, 'ForbiddenError', undefined, w.tokens.officerB);
    await refused({}, 'ForbiddenError', undefined, w.tokens.enterprise);
  });

  it('an agency without inspection-subject qualification is refused (task 5)', async () => {
    const p = w.h.db.prisma;
    await p.agency.update({ where: { id: w.agencyA.id }, data: { inspectionQualifiedOn: null } });
    try {
      await refused({}, 'RuleViolation', 'INSPECTION_AGENCY_NOT_QUALIFIED');
    } finally {
      await p.agency.update({ where: { id: w.agencyA.id }, data: { inspectionQualifiedOn: new Date('2025-03-31') } });
    }
  });

  it('two officers who may enforce: one, an auxiliary or another agency’s officer refused', async () => {
    await refused({ officerIds: [w.people.officerA.gid] }, 'RuleViolation', 'INSPECTION_OFFICERS');
    await refused(
      { officerIds: [w.people.officerA.gid, w.people.auxiliaryA.gid] },
      'RuleViolation',
      'INSPECTION_OFFICERS',
    );
    await refused(
      { officerIds: [w.people.officerA.gid, w.people.officerB.gid] },
      'RuleViolation',
      'INSPECTION_OFFICERS',
    );
  });

  it('the scheme: refused, or pending and not urgent, or urgent past its deadline refused; urgent and pending allowed', async () => {
    const p = w.h.db.prisma;
    const scheme = (data: object) =>
      p.inspectionScheme.create({
        data: {
          agencyId: w.agencyA.id,
          title: '专项检查方案',
          content: '现场检查',
          requestedBy: 'system:test',
          requestedAt: w.clock.now,
          items: { create: [{ itemId: w.itemA.id }] },
          ...data,
        },
      });
    const refusedScheme = await scheme({ status: 'REFUSED' });
    const pending = await scheme({});
    const lateUrgent = await scheme({ urgent: true, urgentReason: '突发事件', approvalDueAt: hours(-1, w.clock.now) });
    const urgent = await scheme({ urgent: true, urgentReason: '群众举报涉及食品安全', approvalDueAt: w.clock.now });
    for (const s of [refusedScheme, pending, lateUrgent])
      await refused({ schemeId: gid('InspectionScheme', s.id) }, 'RuleViolation', 'INSPECTION_SCHEME_NOT_APPROVED');
    // Another agency's scheme is unknown to this agency.
    await refused({ schemeId: w.schemeB.gid }, 'NotFoundError');
    // Its deadline is now: the last allowed instant.
    await fileOk(w, { schemeId: gid('InspectionScheme', urgent.id) });
  });

  it('items: the agency’s own published ones', async () => {
    const p = w.h.db.prisma;
    const draft = await p.inspectionItem.create({
      data: {
        agencyId: w.agencyA.id,
        name: '未公布事项',
        basis: '某法',
        domain: '市场监管',
        year: 2026,
        createdBy: 'system:test',
        createdAt: w.clock.now,
      },
    });
    await refused({ itemIds: [gid('InspectionItem', draft.id)] }, 'RuleViolation', 'INSPECTION_ITEMS');
    await refused({ itemIds: [w.itemB.gid] }, 'RuleViolation', 'INSPECTION_ITEMS');
    await refused({ itemIds: [] }, 'RuleViolation', 'INSPECTION_ITEMS');
  });

  it('the window: to after from, at most 30 days, not over', async () => {
    const from = hours(1, w.clock.now);
    await refused(
      { plannedFrom: from.toISOString(), plannedTo: from.toISOString() },
      'RuleViolation',
      'INSPECTION_FILING_WINDOW',
    );
    const month = new Date(from.getTime() + 30 * 86_400_000);
    await refused(
      { plannedFrom: from.toISOString(), plannedTo: new Date(month.getTime() + 1000).toISOString() },
      'RuleViolation',
      'INSPECTION_FILING_WINDOW',
    );
    await refused(
      { plannedFrom: hours(-5, w.clock.now).toISOString(), plannedTo: w.clock.now.toISOString() },
      'RuleViolation',
      'INSPECTION_FILING_WINDOW',
    );
    await fileOk(w, { plannedFrom: from.toISOString(), plannedTo: month.toISOString() });
  });

  it('joins a joint inspection of the same enterprise with an overlapping window; another enterprise’s or a disjoint one refused', async () => {
    const p = w.h.db.prisma;
    const joint = await p.jointInspection.create({
      data: {
        enterpriseId: w.enterprise.id,
        leadAgencyId: w.agencyB.id,
        windowFrom: hours(24, w.clock.now),
        windowTo: hours(72, w.clock.now),
        createdBy: 'system:test',
        createdAt: w.clock.now,
      },
    });
    const jid = gid('JointInspection', joint.id);
    const f = await fileOk(w, { jointInspectionId: jid });
    expect(f.jointInspectionId).toBe(jid);
    const ev = await w.h.db.prisma.event.findFirstOrThrow({
      where: { topic: 'inspections.filingChanged' },
      orderBy: { id: 'desc' },
    });
    expect((ev.payload as { action: string }).action).toBe('JOINED');
    await refused(
      { jointInspectionId: jid, enterpriseId: w.enterprise2.gid },
      'RuleViolation',
      'INSPECTION_JOINT_MISMATCH',
    );
    await refused(
      {
        jointInspectionId: jid,
        plannedFrom: hours(73, w.clock.now).toISOString(),
        plannedTo: hours(80, w.clock.now).toISOString(),
      },
      'RuleViolation',
      'INSPECTION_JOINT_MISMATCH',
    );
    // The window touching the joint's end is overlapping.
    await fileOk(w, {
      jointInspectionId: jid,
      plannedFrom: hours(72, w.clock.now).toISOString(),
      plannedTo: hours(80, w.clock.now).toISOString(),
    });
  });
});

describe('cancelInspectionFiling', () => {
  it('withdraws a filing before its visit, once; another agency does not see it', async () => {
    const f = await fileOk(w);
    const other = await w.h.gql(CANCEL, { f: f.id }, w.tokens.officerB);
    expectTyped(other.data.cancelInspectionFiling, 'NotFoundError');
    const r = await w.h.gql(CANCEL, { f: f.id }, w.tokens.officerA);
    expect(r.data.cancelInspectionFiling.data).toMatchObject({ status: 'CANCELLED' });
    const again = await w.h.gql(CANCEL, { f: f.id }, w.tokens.officerA);
    expectTyped(again.data.cancelInspectionFiling, 'RuleViolation', { rule: 'INSPECTION_FILING_STATE' });
  });
});
