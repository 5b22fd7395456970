// The rollups the live figures are read from (SurveyRollup): counts of five-level answers per campaign ×
// evaluated agency × township × respondent type × item × quality class. Every write that changes which answers
// count — a batch accepted, a call-back marking a response unreachable — changes them in its own transaction, so
// figures are sums over a number of rows fixed by the campaign's shape, never a scan of its responses.
import type { UnitOfWork } from '@zhifa/core';
import { LEVELS, type Level } from './levels.js';

export type RespondentType = 'PUBLIC' | 'ENTERPRISE' | 'INDIVIDUAL_BUSINESS' | 'LAWYER' | 'OTHER';
export type Quality = 'CLEAN' | 'FLAGGED' | 'UNCONFIRMED';

/** One five-level answer counted (+1) or taken back (-1). */
export interface RollupDelta {
  agencyId: number;
  townshipId: number;
  respondentType: RespondentType;
  itemId: number;
  quality: Quality;
  level: Level;
  count: 1 | -1;
}

/**
 * Apply the deltas in one statement. Keys are merged first and written in key order, so two batches that
 * touch the same cells take their row locks in the same order and cannot deadlock.
 */
export async function addToRollups(tx: UnitOfWork['tx'], campaignId: number, deltas: readonly RollupDelta[]) {
  const cells = new Map<string, { key: Omit<RollupDelta, 'level' | 'count'>; counts: number[] }>();
  for (const d of deltas) {
    const id = [d.agencyId, d.townshipId, d.respondentType, d.itemId, d.quality].join('\u0000');
    let cell = cells.get(id);
    if (!cell) {
      const { level: _level, count: _count, ...key } = d;
      cell = { key, counts: [0, 0, 0, 0, 0] };
      cells.set(id, cell);
    }
    cell.counts[LEVELS.indexOf(d.level)] += d.count;
  }
  if (cells.size === 0) return;
  const rows = [...cells.values()].sort(
    (a, b) =>
      a.key.agencyId - b.key.agencyId ||
      a.key.townshipId - b.key.townshipId ||
      a.key.respondentType.localeCompare(b.key.respondentType) ||
      a.key.itemId - b.key.itemId ||
      a.key.quality.localeCompare(b.key.quality),
  );
  const col = (i: number) => rows.map((r) => r.counts[i]);
  await tx.$executeRaw`
    INSERT INTO "SurveyRollup" ("campaignId", "agencyId", "townshipId", "respondentType", "itemId", "quality",
      "verySatisfied", "satisfied", "basicallySatisfied", "dissatisfied", "veryDissatisfied")
    SELECT ${campaignId}, a, t, r::"SurveyRespondentType", i, q::"SurveyQuality", c1, c2, c3, c4, c5
    FROM unnest(${rows.map((r) => r.key.agencyId)}::int[], ${rows.map((r) => r.key.townshipId)}::int[],
      ${rows.map((r) => r.key.respondentType)}::text[], ${rows.map((r) => r.key.itemId)}::int[],
      ${rows.map((r) => r.key.quality)}::text[], ${col(0)}::int[], ${col(1)}::int[], ${col(2)}::int[],
      ${col(3)}::int[], ${col(4)}::int[]) AS d(a, t, r, i, q, c1, c2, c3, c4, c5)
    ON CONFLICT ("campaignId", "agencyId", "townshipId", "respondentType", "itemId", "quality") DO UPDATE SET
      "verySatisfied" = "SurveyRollup"."verySatisfied" + EXCLUDED."verySatisfied",
      "satisfied" = "SurveyRollup"."satisfied" + EXCLUDED."satisfied",
      "basicallySatisfied" = "SurveyRollup"."basicallySatisfied" + EXCLUDED."basicallySatisfied",
      "dissatisfied" = "SurveyRollup"."dissatisfied" + EXCLUDED."dissatisfied",
      "veryDissatisfied" = "SurveyRollup"."veryDissatisfied" + EXCLUDED."veryDissatisfied"`;
}
