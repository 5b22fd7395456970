// Findings of an invited visit never open a case by themselves (county plan task 7: 邀约式执法服务; 行政处罚法 第6条,
// 处罚与教育相结合): a case the invited agency opens later about the same enterprise and one of the matters the visit
// covered must say so and cite the visit. A reaction to core's caseOpened, in the opening transaction: such a case
// is refused unless it is opened through openCaseAfterInvitationInTx, which marks its transaction with the visit it
// cites and the statement of what was found after it; the reaction then writes the citation beside the case.
//
// The mark is keyed on the transaction (`uow.tx`), not the unit of work object: each emit hands its reactions a
// unit of work of its own over the same transaction, so the transaction is what the opening and the reaction share.
//
// Where the issue is silent: a visit binds the invited agency (its officers saw the findings; another agency's case
// rests on its own discovery, and it cannot read the invitation), for INVITATION_BINDING_YEARS after the visit's day.
import { CORE_TOPICS, RuleViolation, globalId, type CaseGuards, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { openCaseInTx } from '@zhifa/core/cases';
import type { Db, EnforcementCase, InvitationCaseCitation } from '@zhifa/core/prisma';
import { addYears, shanghaiToday } from '@zhifa/core/time';
import { emitInvitationChange, invitationNotFound } from './invitations.js';
import { INVITATION_BINDING_YEARS, visitBinds } from './rules/invitation-state.js';

interface CitationMark {
  invitationId: number;
  statement: string;
  citation?: InvitationCaseCitation;
}

const citing = new WeakMap<Db, CitationMark>();

/** The invited visits (VISITED or CLOSED) that bind a case of `agencyId` about `enterpriseId` and `matterId` today. */
export async function bindingVisits(
  db: Db,
  c: { agencyId: number; enterpriseId: number; matterId: number },
  now: Date,
): Promise<{ id: number; visitedAt: Date }[]> {
  const today = shanghaiToday(now);
  const rows = await db.invitation.findMany({
    where: {
      agencyId: c.agencyId,
      enterpriseId: c.enterpriseId,
      status: { in: ['VISITED', 'CLOSED'] },
      // A day's margin: the exact cut is the Shanghai-day rule below.
      visitedAt: { gte: addYears(today, -INVITATION_BINDING_YEARS - 1) },
      matters: { some: { matterId: c.matterId } },
    },
    select: { id: true, visitedAt: true },
    orderBy: [{ visitedAt: 'desc' }, { id: 'desc' }],
    take: 20,
  });
  return rows.flatMap((r) =>
    r.visitedAt && visitBinds(shanghaiToday(r.visitedAt), today) ? [{ id: r.id, visitedAt: r.visitedAt }] : [],
  );
}

const day = (d: Date) => shanghaiToday(d).toISOString().slice(0, 10);

export function registerInvitationBinding(guards: CaseGuards): void {
  guards.react(CORE_TOPICS.caseOpened, 'flexible-enforcement-invitations', async (uow, payload, scope) => {
    const mark = citing.get(uow.tx);
    if (scope.enterpriseId == null || scope.agencyId == null) {
      if (mark) throw notBinding(mark.invitationId);
      return;
    }
    const binding = await bindingVisits(
      uow.tx,
      { agencyId: scope.agencyId, enterpriseId: scope.enterpriseId, matterId: payload.matterId },
      uow.now,
    );
    if (!mark) {
      const latest = binding[0];
      if (!latest) return;
      const id = globalId('Invitation', latest.id);
      throw new RuleViolation('FLEXIBLE_INVITATION_CASE_CITE', {
        zh: `该企业曾于 ${day(latest.visitedAt)} 就本事项邀约本单位上门服务（邀约 ${id}）：上门发现的问题不能直接立案；确需立案的，须通过 openCaseAfterInvitation 说明上门后查明的事实并引用该次上门（方案任务7：邀约式执法服务；行政处罚法第6条）`,
        en: `the enterprise invited this agency for a visit on this matter on ${day(latest.visitedAt)} (invitation ${id}): a visit's findings never open a case by themselves; open it through openCaseAfterInvitation, stating what was found after the visit and citing it (county plan task 7; art. 6)`,
      });
    }
    if (!binding.some((b) => b.id === mark.invitationId)) throw notBinding(mark.invitationId);
    citing.delete(uow.tx);
    mark.citation = await uow.tx.invitationCaseCitation.create({
      data: {
        invitationId: mark.invitationId,
        caseId: payload.caseId,
        statement: mark.statement,
        citedBy: actorOf(uow.viewer),
        citedAt: uow.now,
      },
    });
    const inv = await uow.tx.invitation.findUniqueOrThrow({ where: { id: mark.invitationId } });
    await emitInvitationChange(uow, inv, 'CASE_CITED', inv.status);
  });
}

function notBinding(invitationId: number): RuleViolation {
  return new RuleViolation('FLEXIBLE_INVITATION_NOT_BINDING', {
    zh: `所引用的上门服务（邀约 ${globalId('Invitation', invitationId)}）不涉及本案：须为本单位对同一企业、同一事项、${INVITATION_BINDING_YEARS} 年内的上门服务（方案任务7）`,
    en: `the cited visit (invitation ${globalId('Invitation', invitationId)}) is not about this case: it must be this agency's visit to the same enterprise on the same matter within ${INVITATION_BINDING_YEARS} year(s) (county plan task 7)`,
  });
}

/**
 * Opens a case with core's openCaseInTx in the caller's unit of work, citing the invited visit and stating what was
 * found after it; the reaction above writes the citation when the visit binds the case, and refuses otherwise.
 */
export async function openCaseAfterInvitationInTx(
  uow: UnitOfWork,
  invitationId: number,
  statement: string,
  data: Parameters<typeof openCaseInTx>[1],
): Promise<{ case: EnforcementCase; citation: InvitationCaseCitation }> {
  const inv = await uow.tx.invitation.findUnique({ where: { id: invitationId }, select: { id: true } });
  if (!inv) throw invitationNotFound(invitationId);
  const mark: CitationMark = { invitationId, statement };
  citing.set(uow.tx, mark);
  try {
    const c = await openCaseInTx(uow, data);
    if (!mark.citation) throw notBinding(invitationId);
    return { case: c, citation: mark.citation };
  } finally {
    citing.delete(uow.tx);
  }
}
