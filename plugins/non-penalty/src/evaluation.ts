// Evaluating a non-penalty item against a case: load the item (published, in force, visible), check
// that it concerns the case's violation, read the party's earlier cases within the look-back, and
// apply the pure rules (rules.ts). Shared by the evaluateNonPenalty query and the grant.
import { NotFoundError, RuleViolation, ValidationError, type FieldIssue } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { canReadList, isInForce, listAppliesToAgency, loadAgencyScope } from '@zhifa/core/lists';
import type { Db, EnforcementCase, EnforcementList, ListItem } from '@zhifa/core/prisma';
import { STAGE_ORDER } from '@zhifa/core/rules';
import { shanghaiToday, startOfShanghaiDay } from '@zhifa/core/time';
import {
  evaluateNonPenalty,
  provisionsMatch,
  violationDay,
  yearsBefore,
  type NonPenaltyEvaluation,
  type NonPenaltyFacts,
} from './rules.js';
import { NON_PENALTY_KIND, nonPenaltyAttributes, type NonPenaltyAttributes } from './attributes.js';

const ITEM_WHAT = { zh: '不予处罚清单事项', en: 'non-penalty list item' };

export interface CaseEvaluation extends NonPenaltyEvaluation {
  lookbackYears: number;
  evaluatedAt: Date;
  /**
   * A grant needs the national enterprise credit-information system checked (enterprise party, first
   * offence); null on evaluations stored before it was asked.
   */
  creditCheckRequired: boolean | null;
}

export interface LoadedItem {
  item: ListItem;
  list: EnforcementList;
  attrs: NonPenaltyAttributes;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const DAY = 86_400_000;

/** Dates in the future are refused: facts are what has happened. */
export function checkFacts(facts: NonPenaltyFacts, now: Date, path: (string | number)[] = ['facts']): void {
  const today = shanghaiToday(now).getTime();
  const issues: FieldIssue[] = [];
  for (const field of ['correctionOrderedOn', 'correctedOn'] as const) {
    const d = facts[field];
    if (d && d.getTime() > today)
      issues.push({
        path: [...path, field],
        messageZh: '日期不能晚于今天',
        messageEn: 'the date must not be in the future',
      });
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
  const found = await db.listItem.findFirst({
    where: { id: itemId, list: { kind: NON_PENALTY_KIND } },
    include: { list: true },
  });
  if (!found || !canReadList(viewer, found.list))
    throw new NotFoundError('NonPenaltyListItem', String(itemId), ITEM_WHAT);
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
  return { item, list, attrs: nonPenaltyAttributes.parse(item.attributes) };
}

const LEVEL_ZH = { NATIONAL: '国家级', PROVINCIAL: '省级', MUNICIPAL: '市级', COUNTY: '县级' } as const;

/**
 * The item's list binds the case's agency (core lists/scope.ts): its own list, a list issued above
 * the county for the agency's domain, or a county list of an agency above it for its domain.
 */
export async function assertListAppliesToCase(db: Db, c: EnforcementCase, list: EnforcementList): Promise<void> {
  if (listAppliesToAgency(list, await loadAgencyScope(db, c.agencyId))) return;
  throw new RuleViolation('NON_PENALTY_LIST_NOT_FOR_AGENCY', {
    zh: `该清单（${LEVEL_ZH[list.issuerLevel]}，监管领域：${list.domain}）不适用于本案承办单位：县级清单只约束制定单位及其下属单位，县级以上清单约束本领域单位（行政处罚法第33条第1款）`,
    en: `The list (${list.issuerLevel.toLowerCase()}, domain ${list.domain}) does not bind the case's agency: a county list binds its issuer and the agencies below it, a list from above the county the agencies of its domain (art. 33(1))`,
  });
}

/**
 * The item concerns the case's violation. Where both name an enforcement matter, the matter decides
 * (the item's matterCode is the case's matter); otherwise the 违法依据 must match (equal, or one
 * citing a part of the other).
 */
export async function assertItemApplies(
  db: Db,
  c: EnforcementCase,
  loaded: Pick<LoadedItem, 'item' | 'attrs'>,
): Promise<void> {
  const { item, attrs } = loaded;
  if (attrs.matterCode !== null && c.matterId !== null) {
    const matter = await db.enforcementMatter.findUnique({
      where: { id: c.matterId },
      select: { code: true, name: true },
    });
    if (matter?.code === attrs.matterCode) return;
    throw new RuleViolation('NON_PENALTY_ITEM_NOT_APPLICABLE', {
      zh: `事项对应的行政执法事项（${attrs.matterCode}）不是本案的执法事项（${matter?.code ?? '—'} ${matter?.name ?? ''}），不能适用（行政处罚法第33条）`,
      en: `The item concerns the enforcement matter ${attrs.matterCode}, not the case's (${matter?.code ?? '—'}); it does not apply (art. 33)`,
    });
  }
  if (provisionsMatch(c.violatedProvision, item.violatedProvision)) return;
  throw new RuleViolation('NON_PENALTY_ITEM_NOT_APPLICABLE', {
    zh: `事项的违法依据（${item.violatedProvision}）与案件的违法依据（${c.violatedProvision}）不一致，不能适用（行政处罚法第33条）`,
    en: `The item's provision violated (${item.violatedProvision}) differs from the case's (${c.violatedProvision}); it does not apply (art. 33)`,
  });
}

/** Evaluate an item against the case: the party's earlier cases are read within the look-back. */
export async function evaluateForCase(
  db: Db,
  c: EnforcementCase,
  loaded: LoadedItem,
  facts: NonPenaltyFacts,
  lookbackYears: number,
  now: Date,
): Promise<CaseEvaluation> {
  const rule = {
    itemKind: loaded.attrs.itemKind,
    conditions: loaded.attrs.conditions,
    correctionDeadlineDays: loaded.attrs.correctionDeadlineDays,
    violatedProvision: loaded.item.violatedProvision,
  };
  // The window ends on the day of this case's violation (or its registration day) and counts earlier
  // cases by the day of their own violation (or registration): rules.ts decides, the query narrows.
  const subject = {
    matterId: c.matterId,
    violatedProvision: c.violatedProvision,
    violationOn: c.violationOn,
    registeredAt: c.registeredAt,
  };
  const until = violationDay(subject);
  const from = yearsBefore(until, lookbackYears);
  const priors =
    c.enterpriseId === null
      ? []
      : await db.enforcementCase.findMany({
          where: {
            enterpriseId: c.enterpriseId,
            id: { not: c.id },
            decision: { not: null, notIn: ['DROPPED'] },
            // 同类: the same matter, or (cases before matters) any matter-less case; rules.ts compares provisions.
            ...(c.matterId === null ? {} : { OR: [{ matterId: c.matterId }, { matterId: null }] }),
            AND: [
              {
                OR: [
                  { violationOn: { gte: from, lte: until } },
                  // A case registered on a window day starts 8 hours before that day's UTC midnight.
                  {
                    violationOn: null,
                    registeredAt: {
                      gte: startOfShanghaiDay(from),
                      lt: startOfShanghaiDay(new Date(until.getTime() + DAY)),
                    },
                  },
                ],
              },
            ],
          },
          select: {
            id: true,
            number: true,
            violatedProvision: true,
            registeredAt: true,
            decision: true,
            matterId: true,
            violationOn: true,
          },
          orderBy: { id: 'asc' },
          take: 1000,
        });
  const party = c.enterpriseId === null ? 'NATURAL_PERSON' : 'ENTERPRISE';
  const evaluation = evaluateNonPenalty(rule, facts, priors, now, lookbackYears, party, subject);
  const creditCheckRequired = party === 'ENTERPRISE' && loaded.attrs.itemKind === 'FIRST_OFFENCE';
  return { ...evaluation, lookbackYears, evaluatedAt: now, creditCheckRequired };
}

export function notEligible(e: NonPenaltyEvaluation): RuleViolation {
  const failing = e.conditions.filter((c) => !c.passed);
  return new RuleViolation('NON_PENALTY_NOT_ELIGIBLE', {
    zh: `不符合不予处罚条件：${failing.map((c) => c.reasonZh).join('；')}`,
    en: `Not eligible for no penalty: ${failing.map((c) => c.reasonEn).join('; ')}`,
  });
}
