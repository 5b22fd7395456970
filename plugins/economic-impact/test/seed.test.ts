// The plugin's demo data, on core's: triggers of several kinds, assessments in every state and at every level, one
// revised, exemptions, decisions relying on an approved revision (through the guard), a follow-up, statistics that
// add up — and a triggered case in legal review left unassessed, whose decision the API refuses. The hook alone on a
// database without core's demo data writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProposal } from '@zhifa/core/cases';
import { shanghaiToday } from '@zhifa/core/time';
import { createHarness, gid, rowCounts, type GqlJson, type Harness } from '@zhifa/testkit';
import { pluginSeedContext, seedDemoData } from '../../../packages/server/src/seed/index.js';
import { economicImpactPlugin } from '../src/index.js';
import type { DimensionScore } from '../src/rules/scoring.js';
import { DECIDE } from './guard-fixtures.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ plugins: [economicImpactPlugin] });
});
afterAll(() => h?.close());

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('economic impact demo data', () => {
  it('writes nothing, and does not fail, without core demo data', async () => {
    const lines: string[] = [];
    const before = await rowCounts(h.db.prisma);
    await economicImpactPlugin.seed!(
      pluginSeedContext(h.db.prisma, economicImpactPlugin, { log: (l) => void lines.push(l) }),
    );
    expect(await rowCounts(h.db.prisma)).toEqual(before);
    expect(lines).toHaveLength(1);
  });

  it('seeds assessments in every state and level, exemptions, decisions and a follow-up', async () => {
    const lines: string[] = [];
    await seedDemoData(h.db.prisma, { plugins: [economicImpactPlugin], log: (l) => void lines.push(l) });
    expect(lines.filter((l) => l.startsWith('经济影响评估演示数据 /'))).toHaveLength(1);
    const p = h.db.prisma;

    const kinds = new Set((await p.impactTrigger.findMany({ select: { kind: true } })).map((t) => t.kind));
    for (const k of ['LARGE_FINE', 'KEY_ENTERPRISE', 'PRODUCTION_MEASURE', 'STOPPAGE_RISK', 'PUBLIC_OPINION_RISK'])
      expect(kinds).toContain(k);
    const declared = await p.impactTrigger.findMany({ where: { source: 'DECLARATION' } });
    expect(declared.every((t) => (t.note ?? '').length > 20 && t.actor.startsWith('person:'))).toBe(true);

    const all = await p.impactAssessment.findMany({ include: { mitigations: true } });
    expect(new Set(all.map((a) => a.status))).toEqual(
      new Set(['DRAFT', 'SUBMITTED', 'REVIEWED', 'RETURNED', 'APPROVED']),
    );
    const approved = all.filter((a) => a.status === 'APPROVED');
    expect(new Set(approved.map((a) => a.level))).toEqual(new Set(['LOW', 'MEDIUM', 'HIGH', 'SEVERE']));
    for (const a of all)
      for (const s of a.scores as unknown as DimensionScore[]) if (s.score > 0) expect(s.evidence).toBeTruthy();
    expect(all.find((a) => a.status === 'RETURNED')?.returnComment).toBeTruthy();
    // Nobody reviewed or approved what they submitted.
    for (const a of approved) expect(new Set([a.submittedBy, a.reviewedBy, a.approvedBy]).size).toBe(3);
    const instalment = approved.flatMap((a) => a.mitigations).find((m) => m.kind === 'INSTALMENT');
    expect(instalment?.instalments).toBeGreaterThanOrEqual(2);

    // One case revised: revision 1 approved, then revision 2 approved after a change.
    const revised = [...new Set(all.map((a) => a.caseId))]
      .map((caseId) => all.filter((a) => a.caseId === caseId))
      .filter((rs) => rs.length > 1);
    expect(revised).toHaveLength(1);
    expect(revised[0].map((a) => [a.revision, a.status]).sort()).toEqual([
      [1, 'APPROVED'],
      [2, 'APPROVED'],
    ]);
    expect(revised[0][0].weightedScore).not.toBe(revised[0][1].weightedScore);

    const exemptions = await p.impactExemption.findMany();
    expect(exemptions.map((e) => e.ground).sort()).toEqual(['COUNTERFEIT', 'MAJOR_RISK']);
    expect(exemptions.every((e) => e.reason.length > 20)).toBe(true);

    // Decided through core's path and the guard, relying on the approved revision the case had then.
    const decisions = await p.impactDecision.findMany({ include: { case: true, assessment: true } });
    expect(decisions.length).toBeGreaterThanOrEqual(1);
    for (const d of decisions) {
      expect(d).toMatchObject({ required: true, exempt: false, penaltiesChanged: false });
      expect(d.case.stage).toBe('DECIDED');
      expect(d.assessment).toMatchObject({ caseId: d.caseId, status: 'APPROVED' });
    }
    expect(decisions.some((d) => (d.paymentTerms as { kind?: string } | null)?.kind === 'INSTALMENT')).toBe(true);
    const followUps = await p.impactFollowUp.findMany();
    expect(followUps).toHaveLength(1);
    expect(decisions.map((d) => d.assessmentId)).toContain(followUps[0].assessmentId);
  });

  it('adds up in impactStats for the county over the last year', async () => {
    const supervisor = await h.db.prisma.person.findFirstOrThrow({
      where: { roles: { has: 'SUPERVISOR' }, agency: { kind: 'JUSTICE_BUREAU' } },
    });
    const today = shanghaiToday(new Date());
    const res = await h.gql(
      `query($from: Date!, $to: Date!) { impactStats(agencyId: null, from: $from, to: $to) {
        byLevel { level count } byTrigger { kind count } mitigations { kind count } firstApprovals
        decisions { total withAssessment withoutRequiredAssessment } } }`,
      { from: day(new Date(today.getTime() - 365 * 86_400_000)), to: day(today) },
      h.token(`person:${supervisor.id}`),
    );
    expect(res.errors).toBeUndefined();
    const s = res.data.impactStats;
    const count = (list: GqlJson[], key: string, value: string) => list.find((x) => x[key] === value)?.count ?? 0;
    for (const level of ['LOW', 'MEDIUM', 'HIGH', 'SEVERE'])
      expect(count(s.byLevel, 'level', level)).toBeGreaterThan(0);
    expect(count(s.byTrigger, 'kind', 'LARGE_FINE')).toBeGreaterThan(0);
    expect(count(s.mitigations, 'kind', 'INSTALMENT')).toBeGreaterThan(0);
    expect(s.firstApprovals).toBeGreaterThan(0);
    expect(s.decisions.withAssessment).toBe(await h.db.prisma.impactDecision.count({ where: { required: true } }));
    expect(s.decisions.withoutRequiredAssessment).toBe(0);
  });

  it('leaves a triggered case in legal review unassessed: its decision is refused through the API', async () => {
    const p = h.db.prisma;
    const waiting = await p.enforcementCase.findMany({
      where: {
        stage: 'LEGAL_REVIEW',
        impactTriggers: { some: {} },
        impactAssessments: { none: {} },
        impactExemptions: { none: {} },
        steps: { some: { kind: 'LEGAL_REVIEW', outcome: 'APPROVED' } },
      },
      include: { steps: { where: { kind: 'NOTICE' }, orderBy: { id: 'desc' }, take: 1 } },
      orderBy: { id: 'asc' },
    });
    expect(waiting.length).toBeGreaterThan(0);
    const rules: string[] = [];
    for (const c of waiting) {
      const head = await p.person.findFirstOrThrow({ where: { agencyId: c.agencyId, roles: { has: 'AGENCY_HEAD' } } });
      const penalties = readProposal(c.steps[0])!.penalties.map((x) => ({
        kind: x.kind,
        ...(x.amountFen === null ? {} : { amountFen: Number(x.amountFen) }),
      }));
      const before = await rowCounts(p);
      const res = await h.gql(
        DECIDE,
        { caseId: gid('EnforcementCase', c.id), input: { decision: 'PENALTY', penalties } },
        h.token(`person:${head.id}`),
      );
      expect(res.data.decideCase.__typename).not.toBe('MutationDecideCaseSuccess');
      rules.push(res.data.decideCase.rule);
      expect(await rowCounts(p)).toEqual(before);
    }
    expect(rules).toContain('IMPACT_ASSESSMENT_REQUIRED');
  });
});
