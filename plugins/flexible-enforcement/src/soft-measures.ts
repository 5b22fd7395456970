// Soft measures 柔性措施 (county plan task 7: 提醒、告知、劝阻等柔性执法方式; 行政指导): recorded against an
// enterprise or a case by an officer of the agency who may enforce, followed up once with an outcome, and — when the
// enterprise did not comply — followed by a case opened through core's openCaseInTx that links back to the measure.
// The services behind recordSoftMeasure, recordSoftMeasureOutcome and openCaseFromSoftMeasure (schema/), and
// the demo data's; the pure rules are soft-measure-rules.ts.
import { CASE_SETTINGS, ForbiddenError, NotFoundError, RuleViolation, type UnitOfWork } from '@zhifa/core';
import { actorOf, isAgencyHeadOf, isOfficerOf, isSystemAdmin, type Viewer } from '@zhifa/core/auth';
import { agencyMayEnforce, assertCaseActor, lockCase, openCaseInTx, type OpenCaseData } from '@zhifa/core/cases';
import type { SoftMeasure, SoftMeasureKind, SoftMeasureOutcome } from '@zhifa/core/prisma';
import { checkOfficers } from '@zhifa/core/rules';
import { shanghaiToday } from '@zhifa/core/time';
import {
  datesRefusal,
  followUpCaseRefusal,
  outcomeRefusal,
  participantsRefusal,
  type SoftRefusal,
} from './soft-measure-rules.js';
import { SOFT_MEASURE_CASE_OPENED, SOFT_MEASURE_OUTCOME_RECORDED, SOFT_MEASURE_RECORDED } from './topics.js';

const PLAN = { zh: '县实施方案任务7', en: 'county plan task 7' };

function refuse(r: SoftRefusal | null): void {
  if (r) throw new RuleViolation(r.rule, { zh: r.zh, en: r.en });
}

export const softMeasureNotFound = (id: number) =>
  new NotFoundError('SoftMeasure', String(id), { zh: '柔性措施', en: 'Soft measure' });

/**
 * Takes soft measures for the agency, and records their follow-up: its officers (and agency admins, core's
 * "officers of the agency") and its head (约谈 is often the head's); a system admin for maintenance. Legal
 * reviewers and supervisors do not (they review and supervise enforcement, they do not take it).
 */
export function takesSoftMeasures(v: Viewer, agencyId: number): boolean {
  return v.kind === 'system' || isOfficerOf(v, agencyId) || isAgencyHeadOf(v, agencyId);
}

const MAY_TAKE = {
  zh: '只有本单位的执法人员和负责人可以采取柔性措施、记录其跟进结果（县实施方案任务7）',
  en: "Only the agency's officers and head take soft measures and record their follow-up (county plan task 7)",
};

export interface SoftMeasureInput {
  kind: SoftMeasureKind;
  enterpriseId: number | null;
  caseId: number | null;
  matterId: number | null;
  content: string;
  basis: string;
  documentNumber: string | null;
  /** The officer who took it; the caller when null. */
  officerId: number | null;
  participants: string[];
  takenOn: Date;
  followUpOn: Date | null;
}

/** Where the measure belongs: the case's agency, party and matter, or — without a case — the viewer's agency. */
async function placeOf(uow: UnitOfWork, input: SoftMeasureInput, officerAgencyId: number | null) {
  const { tx, viewer } = uow;
  if (input.caseId !== null) {
    const c = await lockCase(tx, input.caseId);
    // Those who may act on the case (core's who-acts: its assigned officers, each able to enforce today).
    await assertCaseActor(uow, c, 'act');
    if (
      (input.enterpriseId !== null && input.enterpriseId !== c.enterpriseId) ||
      (input.matterId !== null && input.matterId !== c.matterId)
    )
      throw new RuleViolation('FLEXIBLE_SOFT_CASE_PARTY', {
        zh: `在案件中采取的柔性措施，其对象和执法事项即本案（${c.number}）的当事人和事项，不能另指（${PLAN.zh}）`,
        en: `a measure taken in a case is addressed to the case's (${c.number}) party about its matter; another enterprise or matter is refused (${PLAN.en})`,
      });
    return { agencyId: c.agencyId, enterpriseId: c.enterpriseId, matterId: c.matterId };
  }
  if (input.enterpriseId === null)
    throw new RuleViolation('FLEXIBLE_SOFT_TARGET', {
      zh: `柔性措施须针对一家经营主体或一个案件（${PLAN.zh}）`,
      en: `a soft measure is addressed to an enterprise or taken in a case (${PLAN.en})`,
    });
  // A person acts for their own agency; the platform (demo data) and a system admin for the officer's.
  const agencyId =
    viewer.kind === 'person' && !isSystemAdmin(viewer) ? viewer.agencyId : (officerAgencyId ?? viewer.kind);
  if (typeof agencyId !== 'number' || !takesSoftMeasures(viewer, agencyId)) throw new ForbiddenError(MAY_TAKE);
  const enterprise = await tx.enterprise.findUnique({ where: { id: input.enterpriseId }, select: { id: true } });
  if (!enterprise)
    throw new NotFoundError('Enterprise', String(input.enterpriseId), { zh: '经营主体', en: 'Enterprise' });
  if (input.matterId !== null) {
    const [agency, matter] = await Promise.all([
      tx.agency.findUniqueOrThrow({ where: { id: agencyId }, select: { name: true, kind: true, domains: true } }),
      tx.enforcementMatter.findUnique({ where: { id: input.matterId } }),
    ]);
    if (!matter)
      throw new NotFoundError('EnforcementMatter', String(input.matterId), {
        zh: '行政执法事项',
        en: 'Enforcement matter',
      });
    if (!matter.published || !agencyMayEnforce(agency, matter))
      throw new RuleViolation('FLEXIBLE_SOFT_MATTER', {
        zh: `柔性措施所涉执法事项须为已公布、${agency.name}有权实施的事项，“${matter.name}”（${matter.code}）不是（行政处罚法第17条：在法定职权范围内实施；${PLAN.zh}）`,
        en: `the measure's matter is a published one ${agency.name} may enforce; ${matter.code} is not (行政处罚法 art. 17; ${PLAN.en})`,
      });
  }
  return { agencyId, enterpriseId: input.enterpriseId, matterId: input.matterId };
}

export async function recordSoftMeasureInTx(uow: UnitOfWork, input: SoftMeasureInput): Promise<SoftMeasure> {
  const { tx, viewer, now } = uow;
  const today = shanghaiToday(now);
  refuse(participantsRefusal(input.kind, input.participants));
  refuse(datesRefusal(input.takenOn, input.followUpOn, today));
  const officerId = input.officerId ?? (viewer.kind === 'person' ? viewer.personId : null);
  if (officerId === null)
    throw new RuleViolation('FLEXIBLE_SOFT_OFFICER', {
      zh: `须写明采取措施的执法人员（${PLAN.zh}）`,
      en: `name the officer who took the measure (${PLAN.en})`,
    });
  const officer = await tx.person.findUnique({ where: { id: officerId } });
  const place = await placeOf(uow, input, officer?.agencyId ?? null);
  if (officer && officer.agencyId !== place.agencyId)
    throw new RuleViolation('FLEXIBLE_SOFT_OFFICER', {
      zh: `${officer.name}不是采取措施单位的人员，不能以其名义采取柔性措施（行政处罚法第42条；${PLAN.zh}）`,
      en: `${officer.name} is not of the agency taking the measure (行政处罚法 art. 42; ${PLAN.en})`,
    });
  // Core's rule for who may enforce (行政处罚法 第42条: 具有行政执法资格; county plan task 3), on the day recorded.
  const check = checkOfficers(
    [officerId],
    officer ? [officer] : [],
    place.agencyId,
    now,
    uow.settings.get(CASE_SETTINGS).reviewGraceUntil,
  );
  const refused = check.refused[0];
  if (refused)
    throw new RuleViolation('FLEXIBLE_SOFT_OFFICER', {
      zh: `${refused.name ?? `#${officerId}`}不能采取此柔性措施：${refused.reason.zh}（采取措施者须为本单位具有行政执法资格的执法人员，行政处罚法第42条；${PLAN.zh}）`,
      en: `${refused.name ?? `#${officerId}`} may not take this measure: ${refused.reason.en} (an officer of the agency able to enforce, 行政处罚法 art. 42; ${PLAN.en})`,
    });
  const m = await tx.softMeasure.create({
    data: {
      ...place,
      kind: input.kind,
      caseId: input.caseId,
      content: input.content,
      basis: input.basis,
      documentNumber: input.documentNumber,
      officerId,
      participants: input.participants,
      takenOn: input.takenOn,
      followUpOn: input.followUpOn,
      recordedBy: actorOf(viewer),
      recordedAt: now,
    },
  });
  await uow.emit(
    SOFT_MEASURE_RECORDED,
    {
      ...ref(m),
      takenOn: m.takenOn.toISOString().slice(0, 10),
      followUpOn: m.followUpOn?.toISOString().slice(0, 10) ?? null,
    },
    scopeOf(m),
  );
  return m;
}

/** The follow-up's outcome, once (a conditional update: two callers at once record one). */
export async function recordSoftMeasureOutcomeInTx(
  uow: UnitOfWork,
  id: number,
  input: { outcome: SoftMeasureOutcome; note: string | null },
): Promise<SoftMeasure> {
  const { tx, viewer, now } = uow;
  const m = await tx.softMeasure.findUnique({ where: { id } });
  if (!m) throw softMeasureNotFound(id);
  if (!takesSoftMeasures(viewer, m.agencyId)) throw new ForbiddenError(MAY_TAKE);
  refuse(outcomeRefusal(m, shanghaiToday(now)));
  const done = await tx.softMeasure.updateManyAndReturn({
    where: { id, outcome: null },
    data: {
      outcome: input.outcome,
      outcomeNote: input.note,
      outcomeRecordedAt: now,
      outcomeRecordedBy: actorOf(viewer),
    },
  });
  if (!done.length) refuse(outcomeRefusal({ takenOn: m.takenOn, outcome: input.outcome }, shanghaiToday(now)));
  await uow.emit(SOFT_MEASURE_OUTCOME_RECORDED, { ...ref(m), outcome: input.outcome }, scopeOf(m));
  return done[0];
}

/**
 * A case after NOT_COMPLIED, opened through core's openCaseInTx (its rules — published matter the agency may
 * enforce, limitation, numbering — and its caseOpened event) in the same unit of work, for the measure's agency,
 * party and matter; the measure then points at it. `data` is core's OpenCaseInput: the party may be left out
 * (it is the measure's), the agency and a matter the measure names must be the measure's.
 */
export async function openCaseFromSoftMeasureInTx(uow: UnitOfWork, id: number, data: OpenCaseData) {
  const { tx, viewer } = uow;
  const m = await tx.softMeasure.findUnique({
    where: { id },
    include: { case: { select: { partyDescription: true } } },
  });
  if (!m) throw softMeasureNotFound(id);
  if (!isOfficerOf(viewer, m.agencyId) && viewer.kind !== 'system')
    throw new ForbiddenError({
      zh: '只有本单位的执法人员可以立案（县实施方案任务7）',
      en: "Only the agency's officers open a case (county plan task 7)",
    });
  refuse(followUpCaseRefusal(m));
  const otherParty =
    data.agencyId !== m.agencyId ||
    (data.enterpriseId !== null && data.enterpriseId !== m.enterpriseId) ||
    (m.enterpriseId !== null && data.partyDescription !== null) ||
    (m.matterId !== null && data.matterId !== m.matterId);
  if (otherParty)
    throw new RuleViolation('FLEXIBLE_SOFT_CASE_PARTY', {
      zh: `据柔性措施立案，由采取措施的单位对同一当事人${m.matterId !== null ? '、同一执法事项' : ''}立案（${PLAN.zh}）`,
      en: `a case after a soft measure is opened by its agency against the same party${m.matterId !== null ? ' on the same matter' : ''} (${PLAN.en})`,
    });
  const c = await openCaseInTx(uow, {
    ...data,
    enterpriseId: m.enterpriseId,
    partyDescription: m.enterpriseId === null ? (data.partyDescription ?? m.case?.partyDescription ?? null) : null,
  });
  const linked = await tx.softMeasure.updateMany({
    where: { id, followUpCaseId: null, outcome: 'NOT_COMPLIED' },
    data: { followUpCaseId: c.id },
  });
  if (linked.count === 0) refuse(followUpCaseRefusal({ outcome: 'NOT_COMPLIED', followUpCaseId: c.id }));
  await uow.emit(SOFT_MEASURE_CASE_OPENED, { ...ref(m), followUpCaseId: c.id }, scopeOf(m));
  return c;
}

export function ref(m: SoftMeasure) {
  return { softMeasureId: m.id, agencyId: m.agencyId, enterpriseId: m.enterpriseId, caseId: m.caseId, kind: m.kind };
}

/** Its agency, the enterprise it is addressed to (it reads what was addressed to it) and its case. */
function scopeOf(m: SoftMeasure) {
  return { agencyId: m.agencyId, enterpriseId: m.enterpriseId, caseId: m.caseId };
}
