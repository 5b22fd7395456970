// 扫码入企 (county plan task 14; 龙华 and Shanghai 检查码 practice): at the door the officers scan the enterprise's
// inspection code and record the visit — two officers who may enforce (行政处罚法 第42条), the filing it belongs to.
// A visit without a filing is recorded all the same (the officers are there) and the warning module flags it
// (应报备未报备). Then the finding (compliant, rectification ordered with a date, or a case opened through core that
// links back), and the enterprise's rating, once, for supervisors only.
import { ForbiddenError, NotFoundError, RuleViolation, ValidationError, type UnitOfWork } from '@zhifa/core';
import { actorOf, isOfficerOf } from '@zhifa/core/auth';
import { openCaseInTx, type OpenCaseData } from '@zhifa/core/cases';
import type { EnforcementCase, InspectionFinding, InspectionRating, InspectionVisit } from '@zhifa/core/prisma';
import { codeEnterpriseId, codeKeysInForce, verifyInspectionCode } from './code.js';
import { lockEnterprise } from './enterprise-lock.js';
import { emitVisitRated, emitVisitRecorded } from './events.js';
import { filingNotFound, filingStateRefusal } from './filings.js';
import {
  checkItems,
  enforceableOfficers,
  qualifiedAgency,
  refuse,
  usableScheme,
  violation,
} from './inspection-checks.js';
import {
  codeRefusal,
  FINDING_RECORDED,
  KEYS_MISSING,
  RATED_TWICE,
  rectificationRefusal,
  TASK14,
  visitTimeRefusal,
  visitWindowRefusal,
} from './rules/visit-rules.js';
import { inspectionsSettings } from './settings.js';
import { INSPECTION_FINDING_RECORDED } from './topics.js';
import { raiseVisitWarningsInTx } from './warnings/raise.js';

export interface VisitInput {
  code: string;
  filingId: number | null;
  officerIds: number[];
  /** Required without a filing; with one, the filing's items when absent. */
  itemIds: number[] | null;
  /** Now when absent. */
  visitedAt: Date | null;
}

export const visitNotFound = (id: number) =>
  new NotFoundError('InspectionVisit', String(id), { zh: '入企检查', en: 'Inspection visit' });

const MAY_VISIT = {
  zh: '只有检查单位的执法人员可以记录入企检查及其结果（县实施方案任务14）',
  en: "Only the inspecting agency's officers record a visit and its finding (county plan task 14)",
};

/** The inspecting agency: the filing's, else the caller's own. */
function agencyOfCaller(uow: UnitOfWork, filingAgencyId: number | null): number {
  const v = uow.viewer;
  const agencyId = filingAgencyId ?? (v.kind === 'person' ? v.agencyId : null);
  if (agencyId === null || (!isOfficerOf(v, agencyId) && v.kind !== 'system')) throw new ForbiddenError(MAY_VISIT);
  return agencyId;
}

export async function recordInspectionVisitInTx(uow: UnitOfWork, input: VisitInput): Promise<InspectionVisit> {
  const { tx, viewer, now } = uow;
  const settings = uow.settings.get(inspectionsSettings);
  const keys = codeKeysInForce(settings.codeKeys);
  if (!keys) throw violation(KEYS_MISSING);
  // The code's enterprise is locked before anything is judged, so the warning module sees every earlier visit.
  const codeEnterprise = codeEnterpriseId(input.code);
  if (codeEnterprise === null || !(await lockEnterprise(tx, codeEnterprise))) refuse(codeRefusal('FORGED'));
  const filing =
    input.filingId === null
      ? null
      : await tx.inspectionFiling.findUnique({ where: { id: input.filingId }, include: { items: true } });
  if (input.filingId !== null && !filing) throw filingNotFound(input.filingId);
  const agencyId = agencyOfCaller(uow, filing?.agencyId ?? null);
  const check = verifyInspectionCode(keys, input.code, now, filing?.enterpriseId ?? null);
  if (!check.ok) throw violation(codeRefusal(check.refusal));
  const visitedAt = input.visitedAt ?? now;
  refuse(visitTimeRefusal(visitedAt, now, settings.codeTtlMinutes));
  await qualifiedAgency(uow, agencyId);
  let itemIds: number[];
  if (filing) {
    if (filing.status !== 'FILED') throw filingStateRefusal();
    const scheme = await usableScheme(uow, agencyId, filing.schemeId);
    refuse(visitWindowRefusal(visitedAt, filing.plannedFrom, filing.plannedTo));
    itemIds = await checkItems(uow, agencyId, input.itemIds ?? filing.items.map((i) => i.itemId), scheme);
  } else {
    if (!input.itemIds?.length)
      throw ValidationError.one(['itemIds'], {
        zh: '未报备的入企检查须写明检查事项',
        en: 'a visit without a filing names its inspection items',
      });
    itemIds = await checkItems(uow, agencyId, input.itemIds, null);
  }
  const officerIds = await enforceableOfficers(uow, agencyId, input.officerIds);
  if (filing) {
    const moved = await tx.inspectionFiling.updateMany({
      where: { id: filing.id, status: 'FILED' },
      data: { status: 'VISITED' },
    });
    if (moved.count === 0) throw filingStateRefusal();
  }
  const visit = await tx.inspectionVisit.create({
    data: {
      agencyId,
      enterpriseId: check.enterpriseId,
      filingId: filing?.id ?? null,
      jointInspectionId: filing?.jointInspectionId ?? null,
      visitedAt,
      codeKeyId: check.keyId,
      recordedBy: actorOf(viewer),
      recordedAt: now,
      officers: { create: officerIds.map((personId) => ({ personId })) },
      items: {
        create: itemIds.map((itemId) => ({ itemId, agencyId, enterpriseId: check.enterpriseId, visitedAt })),
      },
    },
  });
  await raiseVisitWarningsInTx(uow, visit.id);
  await emitVisitRecorded(uow, visit);
  return visit;
}

export interface FindingInput {
  finding: InspectionFinding;
  note: string | null;
  rectificationDueOn: Date | null;
  /** CASE_OPENED: core's 立案 input (the party is the visit's enterprise). */
  case: OpenCaseData | null;
}

/** The finding, once (a conditional update); CASE_OPENED opens the case through core's openCaseInTx and links it. */
export async function recordInspectionFindingInTx(
  uow: UnitOfWork,
  visitId: number,
  input: FindingInput,
): Promise<{ visit: InspectionVisit; case: EnforcementCase | null }> {
  const { tx, viewer, now } = uow;
  const v = await tx.inspectionVisit.findUnique({
    where: { id: visitId },
    include: { items: { include: { item: { include: { matters: true } } } } },
  });
  if (!v) throw visitNotFound(visitId);
  if (!isOfficerOf(viewer, v.agencyId) && viewer.kind !== 'system') throw new ForbiddenError(MAY_VISIT);
  if (v.finding !== null) refuse(FINDING_RECORDED);
  if (input.finding === 'RECTIFICATION_ORDERED') refuse(rectificationRefusal(input.rectificationDueOn, v.visitedAt));
  let opened: EnforcementCase | null = null;
  if (input.finding === 'CASE_OPENED') {
    const data = input.case;
    if (!data)
      throw ValidationError.one(['case'], { zh: '立案须填写立案信息', en: 'CASE_OPENED needs the case to open' });
    const matters = new Set(v.items.flatMap((i) => i.item.matters.map((m) => m.matterId)));
    if (
      data.agencyId !== v.agencyId ||
      (data.enterpriseId !== null && data.enterpriseId !== v.enterpriseId) ||
      data.partyDescription !== null ||
      !matters.has(data.matterId)
    )
      throw new RuleViolation('INSPECTION_FINDING_CASE', {
        zh: `据入企检查立案，由检查单位对被检查企业、就所检查事项涉及的执法事项立案（${TASK14.zh}；行政处罚法第54条）`,
        en: `a case after a visit is opened by the inspecting agency against the enterprise visited, on a matter of the items inspected (${TASK14.en}; 行政处罚法 art. 54)`,
      });
    opened = await openCaseInTx(uow, { ...data, enterpriseId: v.enterpriseId, partyDescription: null });
  }
  const done = await tx.inspectionVisit.updateManyAndReturn({
    where: { id: visitId, finding: null },
    data: {
      finding: input.finding,
      findingNote: input.note,
      rectificationDueOn: input.finding === 'RECTIFICATION_ORDERED' ? input.rectificationDueOn : null,
      caseId: opened?.id ?? null,
      findingRecordedAt: now,
      findingRecordedBy: actorOf(viewer),
    },
  });
  const visit = done[0];
  if (!visit) throw violation(FINDING_RECORDED);
  await uow.emit(
    INSPECTION_FINDING_RECORDED,
    { visitId, agencyId: v.agencyId, enterpriseId: v.enterpriseId, finding: input.finding, caseId: opened?.id ?? null },
    { agencyId: v.agencyId, enterpriseId: v.enterpriseId, caseId: opened?.id ?? null },
  );
  return { visit, case: opened };
}

/** The enterprise visited rates the visit once, 1–5; another enterprise's visit answers as unknown. */
export async function rateInspectionVisitInTx(
  uow: UnitOfWork,
  visitId: number,
  score: number,
  comment: string | null,
): Promise<InspectionRating> {
  const { tx, viewer, now } = uow;
  if (viewer.kind !== 'enterprise')
    throw new ForbiddenError({
      zh: '只有被检查企业可以评价入企检查（县实施方案任务14）',
      en: 'only the enterprise visited rates a visit (county plan task 14)',
    });
  if (!Number.isInteger(score) || score < 1 || score > 5)
    throw ValidationError.one(['score'], { zh: '评分须为 1–5 的整数', en: 'the score is a whole number from 1 to 5' });
  const v = await tx.inspectionVisit.findUnique({
    where: { id: visitId },
    select: { id: true, agencyId: true, enterpriseId: true },
  });
  if (!v || v.enterpriseId !== viewer.enterpriseId) throw visitNotFound(visitId);
  // The unique visitId refuses a second rating however the two race; the check first gives the typed answer.
  const inserted = await tx.inspectionRating.createManyAndReturn({
    data: [
      {
        visitId,
        enterpriseId: v.enterpriseId,
        agencyId: v.agencyId,
        score,
        comment,
        ratedBy: actorOf(viewer),
        ratedAt: now,
      },
    ],
    skipDuplicates: true,
  });
  const r = inserted[0];
  if (!r) throw violation(RATED_TWICE);
  await emitVisitRated(uow, r);
  return r;
}
