// What the assessment tests share: the documents of the workflow's mutations, content builders, and rows written
// straight to the database for what other parts of the plugin record (triggers, the decision relied on, a notice).
import { ERR, gid, type GqlJson } from '@zhifa/testkit';
import { DIMENSIONS, type Dimension } from '../src/rules/rules-values.js';
import type { World } from './fixtures.js';

export const FIELDS = `id revision status level weightedScore rulesVersion coveredTriggerIds reviewComment returnComment
  scores { dimension score evidence } mitigations { kind text instalments dueOn }
  explanation { rulesVersion weightedScore level text terms { dimension score weight contribution } }`;

const ok = (field: string) => `... on Mutation${field[0].toUpperCase()}${field.slice(1)}Success { data { ${FIELDS} } }`;

export const CREATE = `mutation($c: ID!, $i: ImpactAssessmentInput!) { createImpactAssessment(caseId: $c, input: $i) {
  ${ERR} ${ok('createImpactAssessment')} } }`;
export const UPDATE = `mutation($a: ID!, $i: ImpactAssessmentInput!) { updateImpactAssessment(assessmentId: $a, input: $i) {
  ${ERR} ${ok('updateImpactAssessment')} } }`;
export const step = (field: string) => `mutation($a: ID!) { ${field}(assessmentId: $a) { ${ERR} ${ok(field)} } }`;
export const REVIEW = `mutation($a: ID!, $c: String) { reviewImpactAssessment(assessmentId: $a, comment: $c) {
  ${ERR} ${ok('reviewImpactAssessment')} } }`;
export const RETURN = `mutation($a: ID!, $c: String!) { returnImpactAssessment(assessmentId: $a, comment: $c) {
  ${ERR} ${ok('returnImpactAssessment')} } }`;
export const FOLLOW_UP = `mutation($c: ID!, $on: Date!, $f: String!) {
  recordImpactFollowUp(caseId: $c, visitedOn: $on, findings: $f) { ${ERR}
    ... on MutationRecordImpactFollowUpSuccess { data { id visitedOn findings recordedBy } } } }`;

/** Every dimension scored (default 2), with evidence for each non-zero score. */
export function scores(over: Partial<Record<Dimension, number>> = {}, base = 2) {
  return DIMENSIONS.map((dimension) => {
    const score = over[dimension] ?? base;
    return { dimension, score, evidence: score ? `${dimension} 的依据：企业提供的财务报表` : null };
  });
}

export const content = (over: Record<string, unknown> = {}) => ({
  scores: scores(),
  stoppageDays: 10,
  revenueSharePct: 12.5,
  jobsAffected: 30,
  summary: '影响可控',
  mitigations: [{ kind: 'COMPLIANCE_GUIDANCE', text: '上门开展合规指导' }],
  ...over,
});

/** The result of a mutation: its data, or the typed error it answered. */
export const result = (res: { data?: GqlJson }): GqlJson => {
  const r = Object.values((res.data ?? {}) as Record<string, GqlJson>)[0];
  return r?.data ?? r;
};

/** A notice (事先告知) proposing `penalties`, written straight to the case. */
export async function writeNotice(
  w: World,
  caseId: number,
  penalties: { kind: string; amountFen: number | null }[],
): Promise<void> {
  await w.h.db.prisma.caseStep.create({
    data: {
      caseId,
      kind: 'NOTICE',
      on: new Date(),
      proposal: {
        penalties: penalties.map((p) => ({
          kind: p.kind,
          amountFen: p.amountFen === null ? null : String(p.amountFen),
        })),
        hearingOffered: false,
        hearingThresholdFen: '0',
      },
      actor: `person:${w.people.officerA.id}`,
    },
  });
}

/** A trigger recorded on the case (the triggers part of the plugin records them; here written directly). */
export async function writeTrigger(w: World, caseId: number, firedAt = new Date()) {
  const t = await w.h.db.prisma.impactTrigger.create({
    data: { caseId, kind: 'KEY_ENTERPRISE', source: 'PARTY', rulesVersion: 1, firedAt, actor: 'system' },
  });
  return { ...t, gid: gid('ImpactTrigger', t.id) };
}

/** A case decided on `decidedAt`, relying on the assessment (the guard writes ImpactDecision; here directly). */
export async function writeDecision(w: World, caseId: number, assessmentId: number | null, decidedAt: Date) {
  const p = w.h.db.prisma;
  await p.enforcementCase.update({ where: { id: caseId }, data: { stage: 'DECIDED', decision: 'PENALTY', decidedAt } });
  await p.impactDecision.create({
    data: { caseId, agencyId: w.agencyA.id, required: true, assessmentId, decidedAt },
  });
}
