// Applying a non-penalty item to a case: load and check, evaluate against the party's earlier cases,
// and grant — the decision goes through core's decideCaseInTx so that core rules (legal review done)
// and every plugin's case guards apply. Shared by the GraphQL resolvers and the demo data.
import {
  actorOf,
  appendEvent,
  assertCanActOnCase,
  decideCaseInTx,
  lockCase,
  NotFoundError,
  RuleViolation,
  STAGE_ORDER,
  ValidationError,
  type CaseGuards,
  type Db,
  type FieldIssue,
  type Viewer,
} from '@zhifa/core';
import type { EnforcementCase, EnforcementList, ListItem, NonPenaltyDecision, Prisma } from '@zhifa/core/prisma';
import { canReadList, isInForce, shanghaiToday } from '@zhifa/core/lists';
import { startOfShanghaiDay } from '@zhifa/core';
import {
  CONDITION_LABEL,
  evaluateNonPenalty,
  normaliseProvision,
  yearsBefore,
  type ConditionResult,
  type NonPenaltyEvaluation,
} from './rules.js';
import { nonPenaltyAttributesSchema, type NonPenaltyAttributes } from './schema/non-penalty-list.js';

export const NON_PENALTY_GRANTED_TOPIC = 'nonPenalty.granted';

const DAY = 86_400_000;
const ITEM_WHAT = { zh: '不予处罚清单事项', en: 'non-penalty list item' };

/** What the officer established, as entered. Dates are Asia/Shanghai calendar days (UTC midnight). */
export interface NonPenaltyFactsInput {
  minorViolation?: boolean | null;
  noHarm?: boolean | null;
  minorHarm?: boolean | null;
  noSubjectiveFault?: boolean | null;
  correctionOrderedOn?: Date | null;
  correctedOn?: Date | null;
  /** Only for an unnamed natural person, whose earlier cases the system cannot find. */
  officerVerifiedFirstOffence?: boolean | null;
}

export interface CaseEvaluation extends NonPenaltyEvaluation {
  lookbackYears: number;
  evaluatedAt: Date;
}

export interface LoadedItem {
  item: ListItem;
  list: EnforcementList;
  attrs: NonPenaltyAttributes;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Dates in the future are refused: facts are what has happened. */
export function checkFacts(facts: NonPenaltyFactsInput, now: Date, path: (string | number)[] = ['facts']): void {
  const today = shanghaiToday(now).getTime();
  const issues: FieldIssue[] = [];
  for (const field of ['correctionOrderedOn', 'correctedOn'] as const) {
    const d = facts[field];
    if (d && d.getTime() > today)
      issues.push({ path: [...path, field], messageZh: '日期不能晚于今天', messageEn: 'the date must not be in the future' });
  }
  if (facts.correctedOn && !facts.correctionOrderedOn)
    issues.push({
      path: [...path, 'correctionOrderedOn'],
      messageZh: '填写改正日期时须同时填写责令改正日期',
      messageEn: 'a correction date needs the date correction was ordered',
    });
  if (issues.length) throw new ValidationError(issues);
}

export function assertUndecided(c: EnforcementCase): void {
  if (c.decision !== null || STAGE_ORDER.indexOf(c.stage) >= STAGE_ORDER.indexOf('DECIDED'))
    throw new RuleViolation('CASE_ALREADY_DECIDED', {
      zh: `案件 ${c.number} 已作出处理决定，不能再适用不予处罚`,
      en: `Case ${c.number} is already decided; a non-penalty item can no longer be applied`,
    });
}

/** decideCaseInTx accepts a decision only after legal review (法制审核); say so before evaluating. */
export function assertInLegalReview(c: EnforcementCase): void {
  if (c.stage !== 'LEGAL_REVIEW')
    throw new RuleViolation('CASE_NOT_IN_LEGAL_REVIEW', {
      zh: `案件 ${c.number} 尚未进入法制审核阶段；不予处罚决定须在法制审核后作出`,
      en: `Case ${c.number} is not in legal review; a no-penalty decision is made only after legal review (法制审核)`,
    });
}

/** An item of a non-penalty list the caller may see, whose list is published and in force today. */
export async function loadItemInForce(db: Db, viewer: Viewer, itemId: number, now: Date): Promise<LoadedItem> {
  const found = await db.listItem.findFirst({ where: { id: itemId, list: { kind: 'NON_PENALTY' } }, include: { list: true } });
  if (!found || !canReadList(viewer, found.list)) throw new NotFoundError('NonPenaltyListItem', String(itemId), ITEM_WHAT);
  const { list, ...item } = found;
  if (list.status === 'DRAFT')
    throw new RuleViolation('NON_PENALTY_LIST_NOT_IN_FORCE', {
      zh: `该事项所属清单（第 ${list.version} 版）尚未公布，不能适用`,
      en: `The item's list (version ${list.version}) is not published; it cannot be applied`,
    });
  if (list.status === 'REPEALED')
    throw new RuleViolation('NON_PENALTY_LIST_NOT_IN_FORCE', {
      zh: `该事项所属清单（第 ${list.version} 版）已废止，不能适用；请使用现行版本的事项`,
      en: `The item's list (version ${list.version}) is repealed; use an item of the version in force`,
    });
  if (!isInForce(list, now))
    throw new RuleViolation('NON_PENALTY_LIST_NOT_IN_FORCE', {
      zh: `该事项所属清单不在有效期内（${list.validFrom ? day(list.validFrom) : '—'} 至 ${list.validUntil ? day(list.validUntil) : '—'}）`,
      en: `The item's list is not in force today (valid ${list.validFrom ? day(list.validFrom) : '—'} to ${list.validUntil ? day(list.validUntil) : '—'})`,
    });
  return { item, list, attrs: nonPenaltyAttributesSchema.parse(item.attributes) };
}

/**
 * The item must be about the case's violation: the same 违法依据, or one citing a part of the other
 * (第三十六条 / 第三十六条第一款). Anything else would excuse one violation with another's item.
 */
export function provisionsMatch(caseProvision: string, itemProvision: string): boolean {
  const a = normaliseProvision(caseProvision);
  const b = normaliseProvision(itemProvision);
  return a === b || a.startsWith(b) || b.startsWith(a);
}

export function assertItemApplies(c: EnforcementCase, item: ListItem): void {
  if (provisionsMatch(c.violatedProvision, item.violatedProvision)) return;
  throw new RuleViolation('NON_PENALTY_ITEM_NOT_APPLICABLE', {
    zh: `事项的违法依据（${item.violatedProvision}）与案件的违法依据（${c.violatedProvision}）不一致，不能适用`,
    en: `The item's provision violated (${item.violatedProvision}) differs from the case's (${c.violatedProvision}); it does not apply`,
  });
}

/** Evaluate an item against the case: the party's earlier cases are read within the look-back. */
export async function evaluateForCase(
  db: Db,
  c: EnforcementCase,
  loaded: LoadedItem,
  facts: NonPenaltyFactsInput,
  lookbackYears: number,
  now: Date,
): Promise<CaseEvaluation> {
  const rule = {
    itemKind: loaded.attrs.itemKind,
    conditions: loaded.attrs.conditions,
    correctionDeadlineDays: loaded.attrs.correctionDeadlineDays,
    violatedProvision: loaded.item.violatedProvision,
  };
  // A case registered on the window's first Shanghai day starts 8 hours before that UTC midnight.
  const since = startOfShanghaiDay(yearsBefore(shanghaiToday(now), lookbackYears));
  const priors =
    c.enterpriseId === null
      ? []
      : await db.enforcementCase.findMany({
          where: { enterpriseId: c.enterpriseId, id: { not: c.id }, registeredAt: { gte: since } },
          select: { id: true, number: true, violatedProvision: true, registeredAt: true, decision: true },
          orderBy: { id: 'asc' },
          take: 1000,
        });
  const evaluation = evaluateNonPenalty(
    rule,
    { ...facts, correctionOrderedAt: facts.correctionOrderedOn ?? null, correctedAt: facts.correctedOn ?? null },
    priors,
    now,
    lookbackYears,
  );
  if (c.enterpriseId === null) {
    // An unnamed natural person has no identity to search by; only the officer's check can stand.
    evaluation.conditions = evaluation.conditions.map((r) => (r.code === 'FIRST_OFFENCE' ? naturalPersonFirstOffence(facts, lookbackYears) : r));
    evaluation.eligible = evaluation.conditions.length > 0 && evaluation.conditions.every((r) => r.passed);
  }
  return { ...evaluation, lookbackYears, evaluatedAt: now };
}

function naturalPersonFirstOffence(facts: NonPenaltyFactsInput, years: number): ConditionResult {
  const label = CONDITION_LABEL.FIRST_OFFENCE;
  const ok = facts.officerVerifiedFirstOffence === true;
  return {
    code: 'FIRST_OFFENCE',
    status: ok ? 'PASS' : 'FAIL',
    passed: ok,
    reasonZh: `${label.zh}：${ok ? `当事人为不具名自然人，执法人员已核查 ${years} 年内无同一违法行为` : '当事人为不具名自然人，系统无法按当事人核查，须执法人员核查后确认'}`,
    reasonEn: `${label.en}: ${ok ? `unnamed natural person; the officer verified no same violation within ${years} years` : 'unnamed natural person: the system cannot search earlier cases; the officer must verify and confirm'}`,
  };
}

export function notEligible(e: NonPenaltyEvaluation): RuleViolation {
  const failing = e.conditions.filter((c) => !c.passed);
  return new RuleViolation('NON_PENALTY_NOT_ELIGIBLE', {
    zh: `不符合不予处罚条件：${failing.map((c) => c.reasonZh).join('；')}`,
    en: `Not eligible for no penalty: ${failing.map((c) => c.reasonEn).join('; ')}`,
  });
}

export function evaluationJson(e: CaseEvaluation): Prisma.InputJsonValue {
  return {
    eligible: e.eligible,
    itemKind: e.itemKind,
    conditions: e.conditions.map((c) => ({ ...c, priorCaseIds: c.priorCaseIds ?? [] })),
    correctionDeadline: e.correctionDeadline ? day(e.correctionDeadline) : null,
    lookbackFrom: day(e.lookbackFrom),
    lookbackYears: e.lookbackYears,
    evaluatedAt: e.evaluatedAt.toISOString(),
  };
}

/** The stored evaluation back in the shape the GraphQL type resolves. */
export function evaluationFromJson(j: unknown): CaseEvaluation {
  const o = j as Record<string, any>;
  return {
    eligible: o.eligible,
    itemKind: o.itemKind,
    conditions: o.conditions,
    correctionDeadline: o.correctionDeadline ? new Date(`${o.correctionDeadline}T00:00:00Z`) : null,
    lookbackFrom: new Date(`${o.lookbackFrom}T00:00:00Z`),
    lookbackYears: o.lookbackYears,
    evaluatedAt: new Date(o.evaluatedAt),
  };
}

export function factsJson(f: NonPenaltyFactsInput): Prisma.InputJsonValue {
  return {
    minorViolation: f.minorViolation ?? null,
    noHarm: f.noHarm ?? null,
    minorHarm: f.minorHarm ?? null,
    noSubjectiveFault: f.noSubjectiveFault ?? null,
    correctionOrderedOn: f.correctionOrderedOn ? day(f.correctionOrderedOn) : null,
    correctedOn: f.correctedOn ? day(f.correctedOn) : null,
    officerVerifiedFirstOffence: f.officerVerifiedFirstOffence ?? null,
  };
}

export function factsFromJson(j: unknown): NonPenaltyFactsInput {
  const o = j as Record<string, any>;
  const d = (v: string | null) => (v ? new Date(`${v}T00:00:00Z`) : null);
  return { ...o, correctionOrderedOn: d(o.correctionOrderedOn), correctedOn: d(o.correctedOn) };
}

export interface GrantInput {
  caseId: number;
  itemId: number;
  facts: NonPenaltyFactsInput;
  correctionOrder: { content: string; orderedOn: Date };
  education: string;
}

/**
 * Grant in the caller's transaction. Refusals throw before anything is written, and anything
 * written is rolled back with the transaction if a later step (a guard) refuses.
 */
export async function grantNonPenaltyInTx(
  tx: Db,
  viewer: Viewer,
  guards: CaseGuards,
  lookbackYears: number,
  input: GrantInput,
  now = new Date(),
): Promise<NonPenaltyDecision> {
  const ordered = input.correctionOrder.orderedOn;
  if (input.facts.correctionOrderedOn && input.facts.correctionOrderedOn.getTime() !== ordered.getTime())
    throw ValidationError.one(['facts', 'correctionOrderedOn'], {
      zh: '与责令改正决定的日期不一致',
      en: 'differs from the date of the correction order',
    });
  const facts: NonPenaltyFactsInput = { ...input.facts, correctionOrderedOn: ordered };
  checkFacts(facts, now);

  const c = await lockCase(tx, input.caseId);
  assertCanActOnCase(viewer, c);
  assertUndecided(c);
  assertInLegalReview(c);
  const loaded = await loadItemInForce(tx, viewer, input.itemId, now);
  assertItemApplies(c, loaded.item);
  const evaluation = await evaluateForCase(tx, c, loaded, facts, lookbackYears, now);
  if (!evaluation.eligible) throw notEligible(evaluation);

  const decided = await decideCaseInTx(
    tx,
    viewer,
    guards,
    c.id,
    { decision: 'NO_PENALTY', fineFen: null, confiscationFen: null, via: 'non-penalty' },
    now,
  );
  const fine = loaded.attrs.fineFenIfPenalised;
  const record = await tx.nonPenaltyDecision.create({
    data: {
      caseId: c.id,
      itemId: loaded.item.id,
      listId: loaded.list.id,
      listVersion: loaded.list.version,
      agencyId: c.agencyId,
      enterpriseId: c.enterpriseId,
      domain: loaded.item.domain,
      itemKind: loaded.attrs.itemKind,
      facts: factsJson(facts),
      evaluation: evaluationJson(evaluation),
      correctionContent: input.correctionOrder.content,
      correctionOrderedOn: shanghaiToday(ordered),
      correctionDeadline: new Date(shanghaiToday(ordered).getTime() + loaded.attrs.correctionDeadlineDays * DAY),
      correctedOn: facts.correctedOn ? shanghaiToday(facts.correctedOn) : null,
      education: input.education,
      fineNotImposedFen: fine === null ? null : BigInt(fine),
      decidedBy: actorOf(viewer),
      decidedAt: decided.decidedAt ?? now,
    },
  });
  await appendEvent(tx, {
    topic: NON_PENALTY_GRANTED_TOPIC,
    agencyId: c.agencyId,
    enterpriseId: c.enterpriseId,
    caseId: c.id,
    payload: {
      decisionId: record.id,
      caseId: c.id,
      number: c.number,
      itemId: loaded.item.id,
      listId: loaded.list.id,
      listVersion: loaded.list.version,
      domain: record.domain,
      itemKind: record.itemKind,
      fineNotImposedFen: fine,
    },
    actor: actorOf(viewer),
  });
  return record;
}
