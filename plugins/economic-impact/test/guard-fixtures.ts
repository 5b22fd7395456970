// For the guard and figures tests: a case made ready to decide (its procedure steps written straight to the
// database), triggers and APPROVED revisions written directly (the triggers and assessments slices build their API),
// and the decision paths — decideCase, the non-penalty plugin's grantNonPenalty, and a plugin that decides through
// decideCaseInTx by its own route.
import { domainErrors, parseId, unitOfWork, type ZhifaPlugin } from '@zhifa/core';
import { decideCaseInTx } from '@zhifa/core/cases';
import type { ImpactMitigationKind, ImpactTriggerKind, ImpactTriggerSource, PenaltyKind } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import { ERR } from '@zhifa/testkit';
import type { World } from './fixtures.js';

export const DAY = 86_400_000;
export const today = () => shanghaiToday(new Date());
/** Today in Asia/Shanghai ± days, YYYY-MM-DD. */
export const dayOffset = (days: number) => new Date(today().getTime() + days * DAY).toISOString().slice(0, 10);

export type Penalty = { kind: PenaltyKind; amountFen?: number | null };

/** The stored shape of a notice's proposal (core cases/procedure.ts NoticeProposal). */
export const storedProposal = (penalties: Penalty[]) => ({
  penalties: penalties.map((p) => ({ kind: p.kind, amountFen: p.amountFen == null ? null : String(p.amountFen) })),
  hearingOffered: true,
  hearingThresholdFen: '1000000',
});

/**
 * LEGAL_REVIEW with what a general-procedure decision needs (行政处罚法 第44–45条, 第58条, 第63–64条): a notice proposing
 * `proposal` (null: none), the statement and the hearing waived, an approved legal review. Called again, it adds
 * a later notice (a re-notice) and its own waivers and review.
 */
export async function readyToDecide(w: World, caseId: number, proposal: Penalty[] | null) {
  const p = w.h.db.prisma;
  const on = today();
  await p.enforcementCase.update({ where: { id: caseId }, data: { stage: 'LEGAL_REVIEW' } });
  if (proposal) {
    const notice = await p.caseStep.create({
      data: {
        caseId,
        kind: 'NOTICE',
        on,
        actor: 'system:test',
        documentNumber: `告〔${caseId}-${Date.now()}〕`,
        proposal: storedProposal(proposal),
      },
    });
    await p.caseStep.createMany({
      data: [
        { caseId, kind: 'STATEMENT', on, outcome: 'WAIVED', actor: 'system:test' },
        { caseId, kind: 'HEARING_REQUEST', on, outcome: 'WAIVED', actor: 'system:test' },
      ],
    });
    await p.caseStep.create({
      data: { caseId, kind: 'LEGAL_REVIEW', on, outcome: 'APPROVED', actor: 'system:test', note: '同意' },
    });
    return notice;
  }
  await p.caseStep.create({
    data: { caseId, kind: 'LEGAL_REVIEW', on, outcome: 'APPROVED', actor: 'system:test', note: '同意' },
  });
  return null;
}

/** A trigger as the reactions would record it. */
export async function recordTrigger(
  w: World,
  caseId: number,
  kind: ImpactTriggerKind,
  over: { source?: ImpactTriggerSource; amountFen?: bigint; thresholdFen?: bigint; stepId?: number } = {},
) {
  const source: ImpactTriggerSource =
    over.source ?? (kind === 'LARGE_FINE' || kind === 'LARGE_CONFISCATION' ? 'NOTICE' : 'PARTY');
  return w.h.db.prisma.impactTrigger.create({
    data: {
      caseId,
      kind,
      source,
      amountFen: over.amountFen ?? null,
      thresholdFen: over.thresholdFen ?? null,
      stepId: over.stepId ?? null,
      rulesVersion: 1,
      firedAt: new Date(),
      actor: 'system:test',
    },
  });
}

let revisionSeq = 0;
/** An APPROVED revision covering `covered` (trigger ids), with the proposal it assessed and its mitigations. */
export async function approvedRevision(
  w: World,
  c: { id: number; agencyId: number; enterpriseId: number | null },
  opts: {
    covered: number[];
    revision?: number;
    assessedProposal?: Penalty[] | null;
    mitigations?: { kind: ImpactMitigationKind; instalments?: number; dueOn?: string }[];
    level?: 'LOW' | 'MEDIUM' | 'HIGH' | 'SEVERE';
  },
) {
  revisionSeq++;
  const now = new Date();
  return w.h.db.prisma.impactAssessment.create({
    data: {
      caseId: c.id,
      agencyId: c.agencyId,
      enterpriseId: c.enterpriseId!,
      revision: opts.revision ?? 1,
      status: 'APPROVED',
      level: opts.level ?? 'MEDIUM',
      weightedScore: 1.5,
      rulesVersion: 1,
      summary: `评估意见${revisionSeq}`,
      coveredTriggerIds: opts.covered,
      assessedProposal: opts.assessedProposal ? storedProposal(opts.assessedProposal) : undefined,
      createdBy: `person:${w.people.officerA.id}`,
      createdAt: now,
      updatedAt: now,
      submittedBy: `person:${w.people.officerA.id}`,
      submittedAt: now,
      reviewedBy: `person:${w.reviewerA.id}`,
      reviewedAt: now,
      approvedBy: `person:${w.headA.id}`,
      approvedAt: now,
      mitigations: {
        create: (opts.mitigations ?? []).map((m, i) => ({
          position: i + 1,
          kind: m.kind,
          text: `缓解措施${i + 1}`,
          instalments: m.instalments ?? null,
          dueOn: m.dueOn ? new Date(`${m.dueOn}T00:00:00Z`) : null,
        })),
      },
    },
  });
}

export const DECIDE = `mutation($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { __typename ${ERR}
  ... on MutationDecideCaseSuccess { data { stage decision fineFen } } } }`;

/** An input core accepts for each decision kind on a case whose notice proposed a warning and a fine. */
export function decisionInput(
  decision: 'PENALTY' | 'LIGHTER' | 'MITIGATED' | 'NO_PENALTY' | 'DROPPED' | 'TRANSFERRED',
  penalties: Penalty[] = [{ kind: 'WARNING' }],
) {
  const penalising = decision === 'PENALTY' || decision === 'LIGHTER' || decision === 'MITIGATED';
  return {
    decision,
    penalties: penalising ? penalties : [],
    ...(decision === 'NO_PENALTY' ? { ground: 'MINOR_CORRECTED' } : {}),
    ...(decision === 'DROPPED' ? { ground: 'FACTS_NOT_ESTABLISHED' } : {}),
    ...(decision === 'LIGHTER' || decision === 'MITIGATED'
      ? { mitigatingCircumstance: '主动消除违法行为危害后果' }
      : {}),
    ...(decision === 'TRANSFERRED'
      ? { transferredTo: '阜宁县公安局', transferDocumentNumber: `阜市监移〔2026〕${Date.now() % 100000}号` }
      : {}),
  };
}

export const DECIDE_VIA_PLUGIN = `mutation($caseId: ID!) { testDecideViaPlugin(caseId: $caseId) { __typename ${ERR}
  ... on MutationTestDecideViaPluginSuccess { data { stage decision } } } }`;

/** A plugin that decides (NO_PENALTY) by its own route, through core's one decision path. */
export const decidingPlugin: ZhifaPlugin = {
  name: 'test-decider',
  register(builder) {
    builder.mutationField('testDecideViaPlugin', (t) =>
      t.prismaField({
        type: 'EnforcementCase',
        description: '测试：由插件作出决定 Test: a plugin decides through decideCaseInTx',
        errors: { types: domainErrors },
        authScopes: { staff: true },
        args: { caseId: t.arg.globalID({ required: true }) },
        resolve: (query, _root, args, ctx) =>
          unitOfWork(ctx, async (uow) => {
            const id = parseId(args.caseId, 'EnforcementCase', ['caseId']);
            await decideCaseInTx(uow, id, { decision: 'NO_PENALTY', ground: 'MINOR_CORRECTED', via: 'test-decider' });
            return uow.tx.enforcementCase.findUniqueOrThrow({ ...query, where: { id } });
          }),
      }),
    );
  },
};
