// The plugin's demo data on core's, legally consistent: a published list of each kind, 从轻 decisions on their
// citation, on undecided cases of a matter the no-compulsory list names the officers' waivers and two justified
// seal-ups (approved, refused), and soft measures of every kind. Without core's demo data the hook writes nothing and
// does not fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, rowCounts, type Harness } from '@zhifa/testkit';
import { pluginSeedContext, seedDemoData } from '../../../packages/server/src/seed/index.js';
import { flexibleEnforcementPlugin } from '../src/index.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ plugins: [flexibleEnforcementPlugin] });
});
afterAll(() => h?.close());

describe('flexible-enforcement demo data', () => {
  it('writes nothing, and does not fail, without core demo data', async () => {
    const before = await rowCounts(h.db.prisma);
    await flexibleEnforcementPlugin.seed!(pluginSeedContext(h.db.prisma, flexibleEnforcementPlugin, { log: () => {} }));
    expect(await rowCounts(h.db.prisma)).toEqual(before);
  });

  it('is legally consistent: waivers on undecided cases, justified seal-ups approved or refused, 从轻 decisions on their citation, every soft-measure kind', async () => {
    await seedDemoData(h.db.prisma, { plugins: [flexibleEnforcementPlugin], log: () => {} });
    const p = h.db.prisma;
    const checks = await p.compulsoryMeasureCheck.findMany({
      include: { case: true, measure: true, item: { include: { list: true } } },
    });
    for (const c of checks) expect(c.item.list).toMatchObject({ kind: 'NO_COMPULSORY', status: 'PUBLISHED' });
    const waived = checks.filter((c) => c.outcome === 'WAIVED');
    expect(waived.length).toBeGreaterThan(0);
    for (const c of waived) {
      expect(c).toMatchObject({ measureKind: 'SEAL_UP', measureId: null });
      expect(['DECIDED', 'CLOSED']).not.toContain(c.case.stage);
    }
    const justified = checks.find((c) => c.outcome === 'JUSTIFIED');
    const refused = checks.find((c) => c.outcome === 'REFUSED');
    expect(justified?.justification).toBeTruthy();
    expect(justified?.approvedBy).toMatch(/^person:/);
    expect(justified?.measure?.status).toBe('IN_FORCE');
    expect(refused?.measure?.status).toBe('REFUSED');
    // Each check is announced when recorded; a justified one again when the head approves or refuses it.
    expect(await p.event.count({ where: { topic: 'flexibleEnforcement.measureCheckRecorded' } })).toBe(
      checks.length + checks.filter((c) => c.outcome !== 'WAIVED').length,
    );

    const bases = await p.flexibleDecisionBasis.findMany({ include: { case: true } });
    expect(bases.length).toBeGreaterThan(0);
    for (const b of bases) {
      expect(b).toMatchObject({ decided: true, decision: b.case.decision });
      expect(b.case.mitigatingCircumstance).toContain('行政处罚法第32条');
    }

    const kinds = await p.softMeasure.groupBy({ by: ['kind'], _count: true });
    expect(kinds.map((k) => k.kind).sort()).toEqual(
      ['ADMONITION', 'COMMITMENT', 'DISSUASION', 'GUIDANCE', 'INTERVIEW', 'NOTICE', 'REMINDER'].sort(),
    );
    const notComplied = await p.softMeasure.findFirst({
      where: { outcome: 'NOT_COMPLIED' },
      include: { followUpCase: true },
    });
    expect(notComplied?.followUpCase?.enterpriseId).toBe(notComplied?.enterpriseId);
  });
});
