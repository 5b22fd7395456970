// 行政强制措施 (行政强制法): taking, approving, extending and releasing a measure, and telling
// supervisors about one past its term. Every operation locks the measure's case first, so that it is
// serialised with the others on the same case and with closing the case.
import type { Db } from '../db.js';
import type { UnitOfWork } from '../work/unit-of-work.js';
import { CORE_TOPICS } from '../topics.js';
import type { CompulsoryMeasure, EnforcementCase } from '../generated/prisma/client.js';
import { actorOf, isAgencyHeadOf, type Viewer } from '../auth/viewer.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { CompulsoryMeasureInput } from '../guard-inputs.js';
import { CASE_SETTINGS } from '../case-settings.js';
import { measureRefusal, type RuleRefusal } from '../rules/case-stage.js';
import {
  approvalRefusal,
  emergencyApprovalRefusal,
  emergencyReportRefusal,
  measureExtensionRefusal,
  freezeRefusal,
  EMERGENCY_REPORT_MS,
  measureDueOn,
  measureInputIssues,
  measureOfficersRefusal,
  measuresOpenRefusal,
  measureTakingRefusal,
  noticeServedOnIssue,
  onSiteRecordRefusal,
  onSiteRefusal,
  releaseDateIssue,
  releaseRefusal,
  selfApprovalRefusal,
  takingRecordRefusal,
  type MeasureTaking,
} from '../rules/compulsory-measure.js';
import { shanghaiToday } from '../rules/shanghai-time.js';
import { assertCaseActor } from './actors.js';
import { caseEvent } from './events.js';
import { lockCase } from './lock.js';
import { refuse } from './refuse.js';

const MEASURE_WHAT = { zh: '行政强制措施', en: 'Compulsory measure' };

/** The one answer for a measure that does not exist — or whose case the caller may not see (schema/compulsory-measure.ts). */
export function measureNotFound(measureId: number): NotFoundError {
  return new NotFoundError('CompulsoryMeasure', String(measureId), MEASURE_WHAT);
}

/** YYYY-MM-DD of a stored calendar day (UTC midnight). */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * 行政机关负责人: approving and extending a measure is the agency head's (行政强制法 第18条第(一)项,
 * 第19条, 第25条); a system admin may too (maintenance).
 */
export function assertAgencyHead(viewer: Viewer, agencyId: number): void {
  if (isAgencyHeadOf(viewer, agencyId)) return;
  throw new ForbiddenError({
    zh: '只有本单位负责人可以批准或延长行政强制措施（行政强制法第18条、第25条）',
    en: "Only the head of the case's agency may approve or extend a compulsory measure (Administrative Coercion Law arts. 18 and 25)",
  });
}

/** The measure and its case, the case row locked (the same lock every case operation takes). */
async function lockMeasure(tx: Db, measureId: number): Promise<{ c: EnforcementCase; m: CompulsoryMeasure }> {
  const found = await tx.compulsoryMeasure.findUnique({ where: { id: measureId }, select: { caseId: true } });
  if (!found) throw measureNotFound(measureId);
  const c = await lockCase(tx, found.caseId);
  // Read again under the lock: what another operation on the case committed meanwhile is seen.
  const m = await tx.compulsoryMeasure.findUniqueOrThrow({ where: { id: measureId } });
  return { c, m };
}

/**
 * Record a measure (行政强制法 第18条). Emergency (第19条): taken on the spot, in force at once,
 * reported within 24 hours and approved afterwards. Otherwise REQUESTED: not in force until the agency
 * head approves. Refused after the decision, without two assigned enforceable officers, a freeze by an
 * agency no law authorises; then every plugin's guard.
 */
export async function recordCompulsoryMeasureInTx(
  uow: UnitOfWork,
  caseId: number,
  input: CompulsoryMeasureInput,
): Promise<CompulsoryMeasure> {
  const { tx, viewer, guards, now, settings } = uow;
  const c = await lockCase(tx, caseId);
  await assertCaseActor(uow, c, 'act');
  refuse(measureRefusal(c.stage));
  const issues = measureInputIssues(input, now);
  if (issues.length)
    throw new ValidationError(
      issues.map((i) => ({ path: ['input', i.field], messageZh: i.message.zh, messageEn: i.message.en })),
    );
  if (input.emergency && input.takenAt) refuse(emergencyReportRefusal(input.takenAt, now));
  refuse(measureTakingRefusal(input.emergency, input));
  if (input.emergency && input.takenAt && input.noticeServedOn)
    assertServedOn(input.noticeServedOn, input.takenAt, now);
  const agency = await tx.agency.findUniqueOrThrow({ where: { id: c.agencyId }, select: { kind: true } });
  refuse(freezeRefusal(input.kind, agency.kind, settings.get(CASE_SETTINGS).freezeAgencyKinds));
  const officerIds = [...new Set(input.officerIds)];
  const people = await tx.person.findMany({
    where: { id: { in: officerIds } },
    include: { caseAssignments: { where: { caseId }, select: { personId: true } } },
  });
  refuse(
    measureOfficersRefusal(
      officerIds,
      people.map((p) => ({ ...p, assigned: p.caseAssignments.length > 0 })),
      c.agencyId,
      now,
      uow.settings.get(CASE_SETTINGS).reviewGraceUntil,
    ),
  );
  await guards.beforeCompulsoryMeasure({ uow, case: c }, input);
  const takenAt = input.emergency && input.takenAt ? input.takenAt : now;
  const measure = await tx.compulsoryMeasure.create({
    data: {
      caseId,
      kind: input.kind,
      object: input.object,
      isProductionEquipment: input.isProductionEquipment,
      justification: input.justification,
      recordedBy: actorOf(viewer),
      emergency: input.emergency,
      status: input.emergency ? 'IN_FORCE' : 'REQUESTED',
      // A request is taken when approved (approveCompulsoryMeasureInTx sets takenAt then).
      takenAt,
      dueOn: input.emergency ? measureDueOn(takenAt) : null,
      officerIds,
      ...takingColumns(input),
    },
  });
  await caseEvent(uow, CORE_TOPICS.caseCompulsoryMeasureRecorded, c, {
    measureId: measure.id,
    kind: measure.kind,
    object: measure.object,
    isProductionEquipment: measure.isProductionEquipment,
    justified: measure.justification !== null,
    status: measure.status,
    emergency: measure.emergency,
    dueOn: measure.dueOn ? isoDay(measure.dueOn) : null,
  });
  return measure;
}

/**
 * The agency head's approval (第18条第(一)项) or refusal. A request approved is taken now, in force
 * for 30 days; refused, it is never taken. An emergency measure approved afterwards keeps its term
 * (第19条); refused, it is released at once (第19条: 应当立即解除).
 */
export async function approveCompulsoryMeasureInTx(
  uow: UnitOfWork,
  measureId: number,
  approve: boolean,
  reason: string | null,
): Promise<CompulsoryMeasure> {
  const { tx, viewer, now } = uow;
  const { c, m } = await lockMeasure(tx, measureId);
  assertAgencyHead(viewer, c.agencyId);
  refuse(approvalRefusal(m));
  refuse(
    selfApprovalRefusal(m, { actor: actorOf(viewer), personId: viewer.kind === 'person' ? viewer.personId : null }),
  );
  if (approve) refuse(emergencyApprovalRefusal(m, now));
  if (!approve && !reason)
    throw ValidationError.one(['reason'], { zh: '不予批准须说明理由', en: 'a refusal needs a reason' });
  const by = actorOf(viewer);
  let data: Parameters<Db['compulsoryMeasure']['update']>[0]['data'];
  if (m.status === 'REQUESTED') {
    if (approve) {
      // Taking it now: still only before the decision.
      refuse(measureRefusal(c.stage));
      data = { status: 'IN_FORCE', takenAt: now, dueOn: measureDueOn(now), approvedAt: now, approvedBy: by };
    } else {
      data = { status: 'REFUSED', releaseReason: reason, releasedBy: by };
    }
  } else if (approve) {
    data = { approvedAt: now, approvedBy: by };
  } else {
    data = { status: 'RELEASED', releasedOn: shanghaiToday(now), releaseReason: reason, releasedBy: by };
  }
  const updated = await tx.compulsoryMeasure.update({ where: { id: m.id }, data });
  await caseEvent(uow, CORE_TOPICS.compulsoryMeasureApproved, c, {
    measureId: m.id,
    kind: m.kind,
    approved: approve,
    status: updated.status,
    emergency: updated.emergency,
    dueOn: updated.dueOn ? isoDay(updated.dueOn) : null,
    reason,
  });
  return updated;
}

/** The columns of a measure's taking: the decision served and the on-site record. */
function takingColumns(t: MeasureTaking) {
  return {
    noticeDocumentNumber: t.noticeDocumentNumber,
    noticeServedOn: t.noticeServedOn,
    siteRecord: t.onSiteRecord?.record ?? null,
    partySignature: t.onSiteRecord?.partySignature ?? null,
    partyRefusalNote: t.onSiteRecord?.partyRefusalNote ?? null,
    witness: t.onSiteRecord?.witness ?? null,
  };
}

function assertServedOn(servedOn: Date, takenAt: Date, now: Date): void {
  const issue = noticeServedOnIssue(servedOn, takenAt, now);
  if (issue) throw ValidationError.one(['input', 'noticeServedOn'], issue);
}

/**
 * A request approved by the head is taken on the spot by the case's officers: the decision served
 * (第24条) and the 现场笔录 with the party's signature, noted refusal or a witness (第18条第(七)–(九)项),
 * once, for a measure in force that was taken after approval.
 */
export async function recordCompulsoryMeasureOnSiteInTx(
  uow: UnitOfWork,
  measureId: number,
  input: MeasureTaking,
): Promise<CompulsoryMeasure> {
  const { tx, now } = uow;
  const { c, m } = await lockMeasure(tx, measureId);
  await assertCaseActor(uow, c, 'act');
  refuse(onSiteRefusal(m));
  refuse(takingRecordRefusal(input));
  refuse(onSiteRecordRefusal(input.onSiteRecord!));
  assertServedOn(input.noticeServedOn!, m.takenAt, now);
  const updated = await tx.compulsoryMeasure.update({ where: { id: m.id }, data: takingColumns(input) });
  await caseEvent(uow, CORE_TOPICS.compulsoryMeasureOnSiteRecorded, c, {
    measureId: m.id,
    kind: m.kind,
    noticeServedOn: isoDay(input.noticeServedOn!),
    partySignature: input.onSiteRecord!.partySignature,
  });
  return updated;
}

/** One extension of at most 30 days by the agency head, while in force and within its term (第25条 / 第32条). */
export async function extendCompulsoryMeasureInTx(
  uow: UnitOfWork,
  measureId: number,
  days: number,
  reason: string,
): Promise<CompulsoryMeasure> {
  const { tx, viewer, now } = uow;
  const { c, m } = await lockMeasure(tx, measureId);
  assertAgencyHead(viewer, c.agencyId);
  if (!Number.isInteger(days) || days < 1)
    throw ValidationError.one(['days'], { zh: '延长天数至少 1 日', en: 'extend by at least 1 day' });
  refuse(measureExtensionRefusal(m, days, now));
  const dueOn = measureDueOn(m.takenAt, days);
  const updated = await tx.compulsoryMeasure.update({
    where: { id: m.id },
    data: { extendedDays: days, extensionReason: reason, extendedBy: actorOf(viewer), dueOn },
  });
  await caseEvent(uow, CORE_TOPICS.compulsoryMeasureExtended, c, {
    measureId: m.id,
    kind: m.kind,
    days,
    dueOn: isoDay(dueOn),
    reason,
  });
  return updated;
}

/** 解除 (第28条 / 第33条) by the case's officers, dated on or after the day taken and not in the future. */
export async function releaseCompulsoryMeasureInTx(
  uow: UnitOfWork,
  measureId: number,
  on: Date,
  reason: string,
): Promise<CompulsoryMeasure> {
  const { tx, viewer, now } = uow;
  const { c, m } = await lockMeasure(tx, measureId);
  await assertCaseActor(uow, c, 'act');
  refuse(releaseRefusal(m));
  const dateIssue = releaseDateIssue(on, m.takenAt, now);
  if (dateIssue) throw ValidationError.one(['on'], dateIssue);
  const updated = await tx.compulsoryMeasure.update({
    where: { id: m.id },
    data: { status: 'RELEASED', releasedOn: on, releaseReason: reason, releasedBy: actorOf(viewer) },
  });
  await caseEvent(uow, CORE_TOPICS.compulsoryMeasureReleased, c, {
    measureId: m.id,
    kind: m.kind,
    releasedOn: isoDay(on),
    reason,
  });
  return updated;
}

/**
 * A case cannot close while a measure is in force or awaiting approval (行政强制法 第28条):
 * CASE_MEASURE_IN_FORCE. Called by advanceCaseInTx when closing, under the case lock.
 */
export async function measuresInForceRefusal(tx: Db, caseId: number): Promise<RuleRefusal | null> {
  const open = await tx.compulsoryMeasure.findMany({
    where: { caseId, status: { in: ['IN_FORCE', 'REQUESTED'] } },
    select: { status: true },
  });
  return measuresOpenRefusal(open);
}

/**
 * The overdue sweep's work (run as the system, see the server's sweeps.ts): every measure
 * still in force after its last day and not yet reported is marked and reported once, to its agency
 * and to supervisors (`compulsoryMeasure.overdue`). The conditional update makes "once" hold with
 * several instances sweeping at the same time: a second sweep's update finds the row already marked.
 * Returns how many were reported.
 */
export async function notifyOverdueMeasuresInTx(uow: UnitOfWork): Promise<number> {
  const { tx, now } = uow;
  const overdue = { status: 'IN_FORCE' as const, dueOn: { lt: shanghaiToday(now) }, overdueNotifiedAt: null };
  const marked = await tx.compulsoryMeasure.updateManyAndReturn({ where: overdue, data: { overdueNotifiedAt: now } });
  const lapsed = await notifyLapsedApprovalsInTx(uow);
  if (marked.length === 0) return lapsed;
  const cases = await tx.enforcementCase.findMany({ where: { id: { in: [...new Set(marked.map((m) => m.caseId))] } } });
  const byId = new Map(cases.map((c) => [c.id, c]));
  for (const m of marked.sort((a, b) => a.id - b.id)) {
    const c = byId.get(m.caseId)!;
    // Scoped to the agency and the case (supervisors see every event); not the party's business.
    await uow.emit(
      CORE_TOPICS.compulsoryMeasureOverdue,
      {
        caseId: c.id,
        number: c.number,
        measureId: m.id,
        kind: m.kind,
        dueOn: isoDay(m.dueOn!),
        takenAt: m.takenAt.toISOString(),
      },
      { agencyId: c.agencyId, caseId: c.id },
    );
  }
  return marked.length + lapsed;
}

/**
 * 第19条: an emergency measure still unapproved 24 hours after it was taken can no longer be approved
 * and must be released; the sweep tells its agency and supervisors once (`compulsoryMeasure.approvalLapsed`),
 * with the same conditional update as the overdue report. Returns how many were reported.
 */
async function notifyLapsedApprovalsInTx(uow: UnitOfWork): Promise<number> {
  const { tx, now } = uow;
  const lapsed = {
    status: 'IN_FORCE' as const,
    emergency: true,
    approvedAt: null,
    takenAt: { lt: new Date(now.getTime() - EMERGENCY_REPORT_MS) },
    lapseNotifiedAt: null,
  };
  const marked = await tx.compulsoryMeasure.updateManyAndReturn({ where: lapsed, data: { lapseNotifiedAt: now } });
  if (marked.length === 0) return 0;
  const cases = await tx.enforcementCase.findMany({ where: { id: { in: [...new Set(marked.map((m) => m.caseId))] } } });
  const byId = new Map(cases.map((c) => [c.id, c]));
  for (const m of marked.sort((a, b) => a.id - b.id)) {
    const c = byId.get(m.caseId)!;
    await uow.emit(
      CORE_TOPICS.compulsoryMeasureApprovalLapsed,
      {
        caseId: c.id,
        number: c.number,
        measureId: m.id,
        kind: m.kind,
        takenAt: m.takenAt.toISOString(),
        lapsedAt: new Date(m.takenAt.getTime() + EMERGENCY_REPORT_MS).toISOString(),
      },
      { agencyId: c.agencyId, caseId: c.id },
    );
  }
  return marked.length;
}
