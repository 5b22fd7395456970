// The case guard this plugin adds to core's decision (core guards.ts): penalising a case whose
// enforcement matter an in-force, published, mandatory (不予处罚) item covers needs a stated reason
// (行政处罚法 第33条: 轻微并及时改正且没有危害后果的 / 没有主观过错的，不予行政处罚 — the law says "shall not",
// so an officer who penalises must say why the item does not apply: harm was caused, not corrected
// in time, …). The reason is the decision's `reason` (stored by core as decisionReason).
// Discretionary items (首违, 可以不予) ask for nothing. Items cover a matter through their matterCode;
// an item without one (made before matters) covers none. Lists count where they bind the case's
// agency (core lists/scope.ts), published and in force on the day of the decision.
import { RuleViolation, type CaseGuard } from '@zhifa/core';
import { isInForce, listAppliesToAgency, loadAgencyScopes } from '@zhifa/core/lists';
import type { Db, EnforcementCase, EnforcementList, ListItem } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import { isMandatory, ITEM_KIND_LABEL, ITEM_KIND_LEGAL_EFFECT, MANDATORY_ITEM_KINDS } from './rules.js';
import { NON_PENALTY_KIND, nonPenaltyAttributes } from './attributes.js';

/** Decisions that impose a penalty (予以处罚, 从轻, 减轻). */
export const PENALISING_DECISIONS = ['PENALTY', 'LIGHTER', 'MITIGATED'] as const;

export interface CoveringItem {
  item: ListItem;
  list: EnforcementList;
  matter: { code: string; name: string };
}

/** The first in-force, published, mandatory item binding the case's agency that covers its matter, if any. */
export async function mandatoryItemCovering(db: Db, c: CaseKey, now: Date): Promise<CoveringItem | null> {
  return (await mandatoryItemsCovering(db, [c], now))[0];
}

type CaseKey = Pick<EnforcementCase, 'agencyId' | 'matterId'>;

/**
 * For each case, the covering item (or null), in four statements whatever the number of cases: the
 * matters, the candidate items and their lists, the agency tree; the pure rules (list scope, in
 * force, mandatory kind) decide in memory. The EnforcementCase field uses it; the guard, which has the
 * case's matter already (the decision's facts), goes straight to mandatoryItemsForMatters.
 */
export async function mandatoryItemsCovering(
  db: Db,
  cases: readonly CaseKey[],
  now: Date,
): Promise<(CoveringItem | null)[]> {
  const matterIds = [...new Set(cases.map((c) => c.matterId).filter((id): id is number => id !== null))];
  if (!matterIds.length) return cases.map(() => null);
  const matters = new Map(
    (
      await db.enforcementMatter.findMany({
        where: { id: { in: matterIds } },
        select: { id: true, code: true, name: true },
      })
    ).map((m) => [m.id, m]),
  );
  return mandatoryItemsForMatters(
    db,
    cases.map((c) => ({
      agencyId: c.agencyId,
      matter: (c.matterId === null ? null : matters.get(c.matterId)) ?? null,
    })),
    now,
  );
}

type MatterKey = { code: string; name: string };

/** mandatoryItemsCovering for cases whose matters are known: the candidate items with their lists, and the agency tree. */
export async function mandatoryItemsForMatters(
  db: Db,
  cases: readonly { agencyId: number; matter: MatterKey | null }[],
  now: Date,
): Promise<(CoveringItem | null)[]> {
  const codes = [...new Set(cases.flatMap((c) => (c.matter ? [c.matter.code] : [])))];
  if (!codes.length) return cases.map(() => null);
  const today = shanghaiToday(now);
  const candidates = await db.listItem.findMany({
    where: {
      AND: [
        { OR: codes.map((code) => ({ attributes: { path: ['matterCode'], equals: code } })) },
        { OR: MANDATORY_ITEM_KINDS.map((k) => ({ attributes: { path: ['itemKind'], equals: k } })) },
        {
          list: {
            kind: NON_PENALTY_KIND,
            status: 'PUBLISHED',
            AND: [
              { OR: [{ validFrom: null }, { validFrom: { lte: today } }] },
              { OR: [{ validUntil: null }, { validUntil: { gte: today } }] },
            ],
          },
        },
      ],
    },
    include: { list: true },
    orderBy: { id: 'asc' },
    take: 1000,
  });
  if (!candidates.length) return cases.map(() => null);
  const scopes = await loadAgencyScopes(
    db,
    cases.map((c) => c.agencyId),
  );
  const parsed = candidates
    .map((row) => ({ row, attrs: nonPenaltyAttributes.parse(row.attributes) }))
    .filter(({ row, attrs }) => isInForce(row.list, now) && isMandatory(attrs.itemKind));
  return cases.map(({ agencyId, matter }) => {
    const scope = scopes.get(agencyId);
    if (!matter || !scope) return null;
    const found = parsed.find(
      ({ row, attrs }) => attrs.matterCode === matter.code && listAppliesToAgency(row.list, scope),
    );
    if (!found) return null;
    const { list, ...item } = found.row;
    return { item, list, matter: { code: matter.code, name: matter.name } };
  });
}

export const nonPenaltyGuard: CaseGuard = {
  name: 'non-penalty',
  // The case's agency and matter come with the decision (core reads them once for the rules and every guard).
  async beforeDecide({ uow, decision }, input) {
    if (!(PENALISING_DECISIONS as readonly string[]).includes(input.decision)) return;
    if (input.reason?.trim()) return;
    const [covering] = await mandatoryItemsForMatters(
      uow.tx,
      [{ agencyId: decision.agency.id, matter: decision.matter }],
      uow.now,
    );
    if (!covering) return;
    const { item, list, matter } = covering;
    const kind = nonPenaltyAttributes.parse(item.attributes).itemKind;
    const effect = ITEM_KIND_LEGAL_EFFECT[kind];
    const article =
      kind === 'NO_FAULT'
        ? { zh: '行政处罚法第33条第2款', en: 'art. 33(2)' }
        : { zh: '行政处罚法第33条第1款', en: 'art. 33(1)' };
    throw new RuleViolation('NON_PENALTY_MANDATORY_ITEM_REASON', {
      zh: `本案执法事项“${matter.name}”（${matter.code}）属现行《${list.title}》第 ${item.seq} 项${ITEM_KIND_LABEL[kind].zh}事项，依法${effect.zh}；予以处罚须写明不适用该事项的理由（${article.zh}）`,
      en: `The case's matter ${matter.code} is covered by item ${item.seq} of the non-penalty list in force "${list.title}" (${ITEM_KIND_LABEL[kind].en}: ${effect.en}); penalising it needs a stated reason why the item does not apply (${article.en})`,
    });
  },
};
