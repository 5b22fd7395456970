// Granting no penalty under a list item, in the caller's unit of work: check, evaluate, decide the
// case through core's decideCaseInTx (core rules and every plugin's case guards apply), record the
// item and list version relied on, and emit `nonPenalty.granted`. Refusals throw before anything is
// written; anything written is rolled back with the unit if a later step (a guard) refuses.
import { RuleViolation, ValidationError, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { assertCaseActor, decideCaseInTx, lockCase } from '@zhifa/core/cases';
import type { NonPenaltyDecision } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import { creditCheckRefusal, violationDay, type CreditCheck, type NonPenaltyFacts } from './rules.js';
import {
  assertInLegalReview,
  assertItemApplies,
  assertListAppliesToCase,
  assertUndecided,
  checkFacts,
  evaluateForCase,
  loadItemInForce,
  notEligible,
} from './evaluation.js';
import { evaluationJson, factsJson } from './stored.js';
import { nonPenaltySettings } from './settings.js';
import { NON_PENALTY_GRANTED } from './topics.js';

const DAY = 86_400_000;

export interface GrantInput {
  caseId: number;
  itemId: number;
  facts: NonPenaltyFacts;
  correctionOrder: { content: string; orderedOn: Date };
  education: string;
  /** 国家企业信用信息公示系统 checked (required for an enterprise party's first offence). */
  creditCheck?: CreditCheck | null;
}

export async function grantNonPenaltyInTx(uow: UnitOfWork, input: GrantInput): Promise<NonPenaltyDecision> {
  const { tx, viewer, now } = uow;
  const ordered = input.correctionOrder.orderedOn;
  if (input.facts.correctionOrderedOn && input.facts.correctionOrderedOn.getTime() !== ordered.getTime())
    throw ValidationError.one(['facts', 'correctionOrderedOn'], {
      zh: '与责令改正决定的日期不一致',
      en: 'differs from the date of the correction order',
    });
  const facts: NonPenaltyFacts = { ...input.facts, correctionOrderedOn: ordered };
  checkFacts(facts, now);
  const credit = checkCreditCheck(input.creditCheck ?? null, now);

  const c = await lockCase(tx, input.caseId);
  // Granting decides the case: whoever may decide it (the agency head in the general procedure, 第57条).
  await assertCaseActor(uow, c, 'decide');
  assertUndecided(c);
  assertInLegalReview(c);
  const loaded = await loadItemInForce(tx, viewer, input.itemId, now);
  await assertListAppliesToCase(tx, c, loaded.list);
  await assertItemApplies(tx, c, loaded);
  const { firstOffenceLookbackYears } = uow.settings.get(nonPenaltySettings);
  const evaluation = await evaluateForCase(tx, c, loaded, facts, firstOffenceLookbackYears, now);
  if (!evaluation.eligible) throw notEligible(evaluation);
  const creditRefused = creditCheckRefusal(
    loaded.attrs.itemKind,
    c.enterpriseId === null ? 'NATURAL_PERSON' : 'ENTERPRISE',
    credit,
    violationDay(c),
  );
  if (creditRefused) throw new RuleViolation('NON_PENALTY_CREDIT_CHECK_REQUIRED', creditRefused);

  // The item's kind is the decision's legal ground (行政处罚法 第33条).
  const ground = ({ MINOR: 'MINOR_CORRECTED', FIRST_OFFENCE: 'FIRST_OFFENCE', NO_FAULT: 'NO_FAULT' } as const)[
    loaded.attrs.itemKind
  ];
  const decided = await decideCaseInTx(uow, c.id, { decision: 'NO_PENALTY', ground, via: 'non-penalty' });
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
      creditSystemChecked: credit?.checked ?? false,
      creditSystemCheckedOn: credit?.checkedOn ?? null,
      decidedBy: actorOf(viewer),
      decidedAt: decided.decidedAt ?? now,
    },
  });
  await uow.emit(
    NON_PENALTY_GRANTED,
    {
      decisionId: record.id,
      caseId: c.id,
      number: c.number,
      itemId: loaded.item.id,
      listId: loaded.list.id,
      listVersion: loaded.list.version,
      domain: record.domain,
      itemKind: loaded.attrs.itemKind,
      fineNotImposedFen: fine,
    },
    { agencyId: c.agencyId, enterpriseId: c.enterpriseId, caseId: c.id },
  );
  return record;
}

/** The credit check as entered: a day only with a check, never in the future (Asia/Shanghai). */
function checkCreditCheck(check: CreditCheck | null, now: Date): CreditCheck | null {
  if (!check) return null;
  if (!check.checked) {
    if (check.checkedOn)
      throw ValidationError.one(['creditCheck', 'checkedOn'], {
        zh: '未查询时不应填写查询日期',
        en: 'a check day needs checked: true',
      });
    return { checked: false, checkedOn: null };
  }
  if (!check.checkedOn)
    throw ValidationError.one(['creditCheck', 'checkedOn'], {
      zh: '请填写查询国家企业信用信息公示系统的日期',
      en: 'give the day the system was checked',
    });
  const on = shanghaiToday(check.checkedOn);
  if (on.getTime() > shanghaiToday(now).getTime())
    throw ValidationError.one(['creditCheck', 'checkedOn'], {
      zh: '日期不能晚于今天',
      en: 'the date must not be in the future',
    });
  return { checked: true, checkedOn: on };
}
