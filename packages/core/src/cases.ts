// Case operations: each runs inside the caller's transaction and writes its outbox event there.
// The GraphQL mutations in schema/case.ts call these; plugins that decide cases by their own route
// (a non-penalty grant, for instance) call decideCaseInTx so that core rules and every plugin's
// guards apply to them too.
import type { Db } from './db.js';
import type { UnitOfWork } from './work/unit-of-work.js';
import type { Payload, Topic } from './events/topic.js';
import { CORE_TOPICS } from './topics.js';
import type { EnforcementCase, CompulsoryMeasure } from './generated/prisma/client.js';
import type { CaseStage } from './generated/prisma/enums.js';
import { actorOf, type Viewer } from './auth/viewer.js';
import { canActOnCase } from './auth/rows.js';
import { ForbiddenError, NotFoundError, RuleViolation, ValidationError, type FieldIssue } from './errors.js';
import type { CompulsoryMeasureInput, DecideCaseInput } from './guards.js';
import {
  assignmentRefusal,
  checkOfficers,
  decisionAmountIssues,
  investigationRefusal,
  measureRefusal,
  transitionRefusal,
  type RuleRefusal,
} from './rules/case-stage.js';

/** Kept for plugins and tests that name the case topics. */
export const CASE_TOPICS = {
  opened: CORE_TOPICS.caseOpened,
  officersAssigned: CORE_TOPICS.caseOfficersAssigned,
  advanced: CORE_TOPICS.caseAdvanced,
  compulsoryMeasureRecorded: CORE_TOPICS.caseCompulsoryMeasureRecorded,
  decided: CORE_TOPICS.caseDecided,
} as const;

const CASE_WHAT = { zh: '案件', en: 'Case' };

function refuse(r: RuleRefusal | null): void {
  if (r) throw new RuleViolation(r.rule, r.message);
}

/**
 * Read a case and lock its row until the transaction ends, so that two concurrent changes to one
 * case (two decisions, a decision and a measure) are applied one after the other, each seeing the
 * other's result, and guards read a state that cannot change under them.
 */
export async function lockCase(tx: Db, caseId: number): Promise<EnforcementCase> {
  await tx.$queryRaw`SELECT id FROM "EnforcementCase" WHERE id = ${caseId} FOR UPDATE`;
  const c = await tx.enforcementCase.findUnique({ where: { id: caseId } });
  if (!c) throw new NotFoundError('EnforcementCase', String(caseId), CASE_WHAT);
  return c;
}

/** Officers and admins of the case's agency act on it; a system admin may too. */
export function assertCanActOnCase(viewer: Viewer, c: { agencyId: number }): void {
  if (canActOnCase(viewer, c)) return;
  throw new ForbiddenError({ zh: '只有本案承办单位的执法人员可以办理此案', en: "Only officers of the case's agency may act on it" });
}

/** A case event: scoped to the case's agency and party, so both (and supervisors) see it. */
function caseEvent<P extends Payload & { caseId: number; number: string }>(
  uow: UnitOfWork,
  topic: Topic<P>,
  c: EnforcementCase,
  payload: Omit<P, 'caseId' | 'number'>,
): Promise<void> {
  // The spread restores exactly the two keys Omit removed.
  const full = { caseId: c.id, number: c.number, ...payload } as P;
  return uow.emit(topic, full, { agencyId: c.agencyId, enterpriseId: c.enterpriseId, caseId: c.id });
}

export interface OpenCaseData {
  number: string;
  agencyId: number;
  enterpriseId: number | null;
  partyDescription: string | null;
  violation: string;
  violatedProvision: string;
  penaltyProvision: string;
}

export async function openCaseInTx(uow: UnitOfWork, data: OpenCaseData): Promise<EnforcementCase> {
  const { tx, viewer } = uow;
  assertCanActOnCase(viewer, data);
  const issues: FieldIssue[] = [];
  const issue = (field: string, zh: string, en: string) => issues.push({ path: ['input', field], messageZh: zh, messageEn: en });
  if ((data.enterpriseId === null) === (data.partyDescription === null))
    issue('enterpriseId', '当事人须为一家经营主体或一名不具名自然人，二者选一', 'the party is either an enterprise or an unnamed natural person, exactly one');
  if (await tx.enforcementCase.findUnique({ where: { number: data.number }, select: { id: true } }))
    issue('number', '案号已存在', 'a case with this number exists');
  if (issues.length) throw new ValidationError(issues);

  if (!(await tx.agency.findUnique({ where: { id: data.agencyId }, select: { id: true } })))
    throw new NotFoundError('Agency', String(data.agencyId), { zh: '单位', en: 'Agency' });
  if (data.enterpriseId !== null && !(await tx.enterprise.findUnique({ where: { id: data.enterpriseId }, select: { id: true } })))
    throw new NotFoundError('Enterprise', String(data.enterpriseId), { zh: '经营主体', en: 'Enterprise' });

  let c: EnforcementCase;
  try {
    c = await tx.enforcementCase.create({
      data: { ...data, partyKind: data.enterpriseId !== null ? 'ENTERPRISE' : 'NATURAL_PERSON', stage: 'REGISTERED' },
    });
  } catch (err) {
    // Two officers registering the same number at once: the loser gets the same answer as above.
    if ((err as { code?: string }).code === 'P2002')
      throw ValidationError.one(['input', 'number'], { zh: '案号已存在', en: 'a case with this number exists' });
    throw err;
  }
  await caseEvent(uow, CORE_TOPICS.caseOpened, c, { stage: c.stage, partyKind: c.partyKind });
  return c;
}

/** Replace the case's assigned officers; refused unless every one may enforce and there are at least two. */
export async function assignOfficersInTx(uow: UnitOfWork, caseId: number, personIds: number[]) {
  const { tx, viewer, now } = uow;
  const c = await lockCase(tx, caseId);
  assertCanActOnCase(viewer, c);
  if (c.stage === 'CLOSED')
    throw new RuleViolation('CASE_CLOSED', { zh: '案件已结案，不能变更承办人员', en: 'The case is closed; its officers cannot change' });
  const ids = [...new Set(personIds)];
  const found = await tx.person.findMany({ where: { id: { in: ids } } });
  const check = checkOfficers(ids, found, c.agencyId, now);
  refuse(assignmentRefusal(check));
  await tx.caseOfficer.deleteMany({ where: { caseId } });
  await tx.caseOfficer.createMany({ data: check.eligible.map((personId) => ({ caseId, personId })) });
  await caseEvent(uow, CORE_TOPICS.caseOfficersAssigned, c, { personIds: check.eligible });
  return c;
}

export async function advanceCaseInTx(uow: UnitOfWork, caseId: number, to: CaseStage) {
  const { tx, viewer, now } = uow;
  const c = await lockCase(tx, caseId);
  assertCanActOnCase(viewer, c);
  refuse(transitionRefusal({ from: c.stage, to, decision: c.decision, via: 'advance' }));
  if (to === 'INVESTIGATING') {
    const assigned = await tx.caseOfficer.findMany({ where: { caseId }, include: { person: true } });
    refuse(investigationRefusal(assigned.map((a) => a.person), now));
  }
  const updated = await tx.enforcementCase.update({
    where: { id: caseId },
    data: { stage: to, ...(to === 'CLOSED' ? { closedAt: now } : {}) },
  });
  await caseEvent(uow, CORE_TOPICS.caseAdvanced, updated, { from: c.stage, to });
  return updated;
}

export async function recordCompulsoryMeasureInTx(uow: UnitOfWork, caseId: number, input: CompulsoryMeasureInput): Promise<CompulsoryMeasure> {
  const { tx, viewer, guards } = uow;
  const c = await lockCase(tx, caseId);
  assertCanActOnCase(viewer, c);
  refuse(measureRefusal(c.stage));
  await guards.beforeCompulsoryMeasure({ uow, case: c }, input);
  const measure = await tx.compulsoryMeasure.create({
    data: {
      caseId,
      kind: input.kind,
      object: input.object,
      isProductionEquipment: input.isProductionEquipment,
      justification: input.justification,
      recordedBy: actorOf(viewer),
    },
  });
  await caseEvent(uow, CORE_TOPICS.caseCompulsoryMeasureRecorded, c, {
    measureId: measure.id,
    kind: measure.kind,
    object: measure.object,
    isProductionEquipment: measure.isProductionEquipment,
    justified: measure.justification !== null,
  });
  return measure;
}

/**
 * The one path into DECIDED. Core rules first (legal review done, amounts consistent), then every
 * plugin's beforeDecide guard, all in the caller's transaction: a guard's RuleViolation rolls back the
 * decision, its event and anything the caller wrote before.
 */
export async function decideCaseInTx(uow: UnitOfWork, caseId: number, input: DecideCaseInput): Promise<EnforcementCase> {
  const { tx, viewer, guards, now } = uow;
  const c = await lockCase(tx, caseId);
  assertCanActOnCase(viewer, c);
  const amountIssues = decisionAmountIssues(input);
  if (amountIssues.length)
    throw new ValidationError(amountIssues.map((i) => ({ path: ['input', i.field], messageZh: i.message.zh, messageEn: i.message.en })));
  refuse(transitionRefusal({ from: c.stage, to: 'DECIDED', decision: input.decision, via: 'decide' }));
  await guards.beforeDecide({ uow, case: c }, input);
  const updated = await tx.enforcementCase.update({
    where: { id: caseId },
    data: {
      stage: 'DECIDED',
      decision: input.decision,
      fineFen: input.fineFen,
      confiscationFen: input.confiscationFen,
      decidedAt: now,
    },
  });
  await caseEvent(uow, CORE_TOPICS.caseDecided, updated, {
    decision: input.decision,
    // Fen fit a JSON number exactly (checked by decisionAmountIssues).
    fineFen: input.fineFen === null ? null : Number(input.fineFen),
    confiscationFen: input.confiscationFen === null ? null : Number(input.confiscationFen),
    via: input.via ?? 'decideCase',
  });
  return updated;
}
