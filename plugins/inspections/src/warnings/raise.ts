// The warning module's entry points, called by the services that record a visit or a filing, inside their
// transaction and after they took the enterprise's lock (enterprise-lock.ts) and wrote the visit with its items.
// The rules are pure (rules/warning-rules.ts); here are the indexed look-backs they read and the once-only insert.
//
// Raised once however many requests race: the lock makes the second of two visits at one enterprise see the first,
// and each warning's dedupeKey is UNIQUE — the insert skips a key already taken (ON CONFLICT DO NOTHING; a failed
// insert would abort the PostgreSQL transaction, so a unique violation is never caught and retried here).
import type { UnitOfWork } from '@zhifa/core';
import type { Db, InspectionWarning, Prisma } from '@zhifa/core/prisma';
import {
  highFrequencyWarning,
  lookBackStart,
  multiAgencyWarning,
  repeatedWarning,
  unfiledWarning,
  yearStart,
  yearlyCapFor,
  type WarningDraft,
  type WarningVisit,
} from '../rules/warning-rules.js';
import { inspectionsSettings } from '../settings.js';
import { INSPECTION_WARNING_RAISED } from '../topics.js';

const VISIT_FACTS = {
  id: true,
  agencyId: true,
  enterpriseId: true,
  visitedAt: true,
  filingId: true,
  jointInspectionId: true,
  jointInspection: { select: { leadAgencyId: true } },
} as const;

type VisitFacts = Prisma.InspectionVisitGetPayload<{ select: typeof VISIT_FACTS }>;

const fact = (v: VisitFacts, itemIds: number[] = []): WarningVisit => ({
  id: v.id,
  agencyId: v.agencyId,
  enterpriseId: v.enterpriseId,
  visitedAt: v.visitedAt,
  filingId: v.filingId,
  jointInspectionId: v.jointInspectionId,
  leadAgencyId: v.jointInspection?.leadAgencyId ?? null,
  itemIds,
});

/** The visits of one enterprise (optionally one agency's) from `from` up to `to` — InspectionVisit(enterpriseId, visitedAt). */
async function visitsBetween(tx: Db, visit: WarningVisit, from: Date, agencyId?: number): Promise<WarningVisit[]> {
  const rows = await tx.inspectionVisit.findMany({
    where: {
      enterpriseId: visit.enterpriseId,
      ...(agencyId !== undefined ? { agencyId } : {}),
      visitedAt: { gte: from, lte: visit.visitedAt },
      id: { not: visit.id },
    },
    select: VISIT_FACTS,
    orderBy: [{ visitedAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => fact(r));
}

/** Judge a visit just written (its officers and items too) and raise what it trips; returns the new warnings' ids. */
export async function raiseVisitWarningsInTx(uow: UnitOfWork, visitId: number): Promise<number[]> {
  const { tx } = uow;
  const t = uow.settings.get(inspectionsSettings);
  if (!t.warnings) return [];
  const row = await tx.inspectionVisit.findUnique({
    where: { id: visitId },
    select: { ...VISIT_FACTS, items: { select: { itemId: true, item: { select: { domain: true } } } } },
  });
  if (!row) return [];
  const visit = fact(
    row,
    row.items.map((i) => i.itemId),
  );
  const domains = [...new Set(row.items.map((i) => i.item.domain))];

  const earlier = await visitsBetween(tx, visit, lookBackStart(visit.visitedAt, t.multiAgencyDays));
  // InspectionVisitItem(enterpriseId, agencyId, itemId, visitedAt): the agency's earlier checks of these items.
  const items = visit.itemIds.length
    ? await tx.inspectionVisitItem.findMany({
        where: {
          enterpriseId: visit.enterpriseId,
          agencyId: visit.agencyId,
          itemId: { in: visit.itemIds },
          visitedAt: { gte: lookBackStart(visit.visitedAt, t.repeatDays), lte: visit.visitedAt },
          visitId: { not: visit.id },
        },
        select: { visitId: true, itemId: true, visitedAt: true, visit: { select: { jointInspectionId: true } } },
      })
    : [];
  const thisYear = await visitsBetween(tx, visit, yearStart(visit.visitedAt), visit.agencyId);

  const drafts = [
    unfiledWarning(visit),
    multiAgencyWarning(visit, earlier, t),
    repeatedWarning(
      visit,
      items.map((i) => ({
        visitId: i.visitId,
        itemId: i.itemId,
        visitedAt: i.visitedAt,
        jointInspectionId: i.visit.jointInspectionId,
      })),
      t,
    ),
    highFrequencyWarning(visit, thisYear, yearlyCapFor(domains, t), domains),
  ].filter((d): d is WarningDraft => d !== null);
  return insertWarnings(uow, drafts);
}

/**
 * Judge a filing just written (or merged). No rule judges a filing: each warning is about inspections that took
 * place (a filing is an intention, and overlapping filings are offered a merge into a joint inspection instead —
 * the joint-inspection slice); kept as the filing service's one call so a rule on filings has its place.
 */
export function raiseFilingWarningsInTx(_uow: UnitOfWork, _filingId: number): Promise<number[]> {
  return Promise.resolve([]);
}

/** Insert the drafts whose key is not taken, emitting INSPECTION_WARNING_RAISED (to the answerable agency) for each. */
async function insertWarnings(uow: UnitOfWork, drafts: WarningDraft[]): Promise<number[]> {
  if (drafts.length === 0) return [];
  const created: InspectionWarning[] = await uow.tx.inspectionWarning.createManyAndReturn({
    data: drafts.map((d) => ({
      rule: d.rule,
      dedupeKey: d.dedupeKey,
      enterpriseId: d.enterpriseId,
      agencyId: d.agencyId,
      agencyIds: d.agencyIds,
      visitIds: d.visitIds,
      evidence: d.evidence as Prisma.InputJsonObject,
      basis: d.basis,
      raisedAt: uow.now,
    })),
    skipDuplicates: true,
  });
  const ordered = created.sort((a, b) => a.id - b.id);
  for (const w of ordered)
    await uow.emit(
      INSPECTION_WARNING_RAISED,
      { warningId: w.id, rule: w.rule, agencyId: w.agencyId, enterpriseId: w.enterpriseId },
      { agencyId: w.agencyId },
    );
  return ordered.map((w) => w.id);
}
