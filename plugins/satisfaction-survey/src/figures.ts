// Reading the figures: one statement summing SurveyRollup joined to SurveyItem (dimension, weight), grouped by
// the requested keys. Its cost follows the number of rollup rows — at most evaluated agencies × townships ×
// respondent types × five-level items × 3 quality classes, fixed by the campaign's shape — never the number of
// responses. The headline rate of a group not split by dimension is read over its OVERALL items (one answer per
// respondent, survey-design.md); its score over every five-level item.
import { Prisma, type PrismaClient } from '@zhifa/core/prisma';
import { LEVEL_SCORES } from './levels.js';
import type { Quality, RespondentType } from './rollups.js';
import { figureOf, type Figure, type LevelCounts } from './statistics.js';

export const FIGURE_KEYS = ['AGENCY', 'TOWNSHIP', 'RESPONDENT_TYPE', 'DIMENSION'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export const QUALITIES: readonly Quality[] = ['CLEAN', 'FLAGGED', 'UNCONFIRMED'];

export type Dimension =
  'NORMATIVE' | 'CIVILITY' | 'FAIRNESS' | 'EFFICIENCY' | 'INTEGRITY' | 'BURDEN' | 'FLEXIBLE' | 'OVERALL';

/** Which answers a reader's figures are made of (visibility.ts decides it per viewer). */
export interface FigureScope {
  /** Only these evaluated agencies; null: every one. */
  agencyIds: readonly number[] | null;
  /** Answers of these respondent types are left out entirely. */
  excludeRespondentTypes: readonly RespondentType[];
}

export const WHOLE_CAMPAIGN: FigureScope = { agencyIds: null, excludeRespondentTypes: [] };

/** One group's sums, as read (before statistics). */
export interface FigureCell {
  agencyId: number | null;
  townshipId: number | null;
  respondentType: RespondentType | null;
  dimension: Dimension | null;
  /** Answers per level over the group's rate items, of the chosen quality classes. */
  counts: LevelCounts;
  /** Σ w·Σ count·score and Σ w·n over every five-level item of the group, of the chosen quality classes. */
  weightedScoreSum: number;
  weightedAnswers: number;
  /** Rate-item answers of the FLAGGED / UNCONFIRMED classes, whether or not the figure includes them. */
  flaggedAnswers: number;
  unconfirmedAnswers: number;
}

interface CellRow {
  agencyId: number | null;
  townshipId: number | null;
  respondentType: RespondentType | null;
  dimension: Dimension | null;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  wsum: number;
  wn: number;
  flagged: number;
  unconfirmed: number;
}

/**
 * The figures' sums of one campaign, grouped by `groupBy` (no key: one cell, the campaign's, NO_DATA when empty), counting the
 * `quality` classes (default all three), within `scope`. One SQL statement.
 */
export async function readFigureCells(
  db: Pick<PrismaClient, '$queryRaw'>,
  campaignId: number,
  groupBy: readonly FigureKey[],
  quality: readonly Quality[] = QUALITIES,
  scope: FigureScope = WHOLE_CAMPAIGN,
): Promise<FigureCell[]> {
  const by = new Set(groupBy);
  // Rollup columns grouped by (the dimension comes from the item, joined after the first sum).
  const rollupKeys = [
    ...(by.has('AGENCY') ? ['agencyId'] : []),
    ...(by.has('TOWNSHIP') ? ['townshipId'] : []),
    ...(by.has('RESPONDENT_TYPE') ? ['respondentType'] : []),
  ].map((k) => Prisma.raw(`"${k}"`));
  const key = (k: FigureKey, column: Prisma.Sql, none: Prisma.Sql) => (by.has(k) ? column : none);
  const agency = key('AGENCY', Prisma.sql`c."agencyId"`, Prisma.sql`NULL::int`);
  const township = key('TOWNSHIP', Prisma.sql`c."townshipId"`, Prisma.sql`NULL::int`);
  const respondent = key('RESPONDENT_TYPE', Prisma.sql`c."respondentType"::text`, Prisma.sql`NULL::text`);
  const dimension = key('DIMENSION', Prisma.sql`i."dimension"::text`, Prisma.sql`NULL::text`);
  const groups = [
    ...rollupKeys.map((k) => Prisma.sql`c.${k}`),
    ...(by.has('DIMENSION') ? [Prisma.sql`i."dimension"`] : []),
  ];
  const rateItem = by.has('DIMENSION') ? Prisma.sql`TRUE` : Prisma.sql`i."dimension" = 'OVERALL'`;
  const included = Prisma.sql`c."quality" = ANY(${[...quality]}::"SurveyQuality"[])`;
  const n = Prisma.sql`(c.vs + c.s + c.bs + c.d + c.vd)`;
  const sc = LEVEL_SCORES;
  const points = Prisma.sql`(${sc.VERY_SATISFIED}::int * c.vs + ${sc.SATISFIED}::int * c.s
    + ${sc.BASICALLY_SATISFIED}::int * c.bs + ${sc.DISSATISFIED}::int * c.d + ${sc.VERY_DISSATISFIED}::int * c.vd)`;
  const count = (column: string) =>
    Prisma.sql`COALESCE(sum(c.${Prisma.raw(column)}) FILTER (WHERE ${included} AND ${rateItem}), 0)::int`;
  // First plain sums over the rollup rows by (keys, item, quality) — the only pass over them, no join, no
  // filter per aggregate — then the figures' sums over those few rows with each item's dimension and weight.
  const rows = await db.$queryRaw<CellRow[]>`
    WITH c AS (
      SELECT ${rollupKeys.length ? Prisma.sql`${Prisma.join(rollupKeys)},` : Prisma.empty} "itemId", "quality",
        sum("verySatisfied") AS vs, sum("satisfied") AS s, sum("basicallySatisfied") AS bs,
        sum("dissatisfied") AS d, sum("veryDissatisfied") AS vd
      FROM "SurveyRollup"
      WHERE "campaignId" = ${campaignId}
        ${scope.agencyIds === null ? Prisma.empty : Prisma.sql`AND "agencyId" = ANY(${[...scope.agencyIds]}::int[])`}
        ${
          scope.excludeRespondentTypes.length === 0
            ? Prisma.empty
            : Prisma.sql`AND "respondentType" <> ALL(${[...scope.excludeRespondentTypes]}::"SurveyRespondentType"[])`
        }
      GROUP BY ${rollupKeys.length ? Prisma.sql`${Prisma.join(rollupKeys)},` : Prisma.empty} "itemId", "quality")
    SELECT ${agency} AS "agencyId", ${township} AS "townshipId", ${respondent} AS "respondentType",
      ${dimension} AS "dimension",
      ${count('vs')} AS c1, ${count('s')} AS c2, ${count('bs')} AS c3, ${count('d')} AS c4, ${count('vd')} AS c5,
      COALESCE(sum(i."weight" * ${points}) FILTER (WHERE ${included}), 0)::float8 AS wsum,
      COALESCE(sum(i."weight" * ${n}) FILTER (WHERE ${included}), 0)::float8 AS wn,
      COALESCE(sum(${n}) FILTER (WHERE c."quality" = 'FLAGGED' AND ${rateItem}), 0)::int AS flagged,
      COALESCE(sum(${n}) FILTER (WHERE c."quality" = 'UNCONFIRMED' AND ${rateItem}), 0)::int AS unconfirmed
    FROM c JOIN "SurveyItem" i ON i."id" = c."itemId"
    ${groups.length ? Prisma.sql`GROUP BY ${Prisma.join(groups)} ORDER BY ${Prisma.join(groups)}` : Prisma.empty}`;
  return rows.map((r) => ({
    agencyId: r.agencyId,
    townshipId: r.townshipId,
    respondentType: r.respondentType,
    dimension: r.dimension,
    counts: [r.c1, r.c2, r.c3, r.c4, r.c5] as const,
    weightedScoreSum: Number(r.wsum),
    weightedAnswers: Number(r.wn),
    flaggedAnswers: r.flagged,
    unconfirmedAnswers: r.unconfirmed,
  }));
}

export interface CampaignTarget {
  targetRate: number;
  basicallySatisfiedCounts: boolean;
}

/** A group's figure as a reader may see it. */
export interface SurveyFigure extends Pick<FigureCell, 'agencyId' | 'townshipId' | 'respondentType' | 'dimension'> {
  /** Null when suppressed (as are the two counts below). */
  figure: Figure | null;
  flaggedAnswers: number | null;
  unconfirmedAnswers: number | null;
  /** Fewer than the reader's threshold of valid answers: hidden ("too few answers", never zero). */
  suppressed: boolean;
}

/** The figure of a cell, or its suppression (`suppressBelow` 0: nothing suppressed). */
export function figureFromCell(cell: FigureCell, campaign: CampaignTarget, suppressBelow: number): SurveyFigure {
  const { counts, weightedScoreSum, weightedAnswers, ...keys } = cell;
  const f = figureOf(counts, { scoreSum: weightedScoreSum, answers: weightedAnswers }, campaign);
  const suppressed = f.validAnswers < suppressBelow;
  return suppressed
    ? { ...keys, flaggedAnswers: null, unconfirmedAnswers: null, figure: null, suppressed }
    : { ...keys, figure: f, suppressed };
}

/** An empty cell: a group with no answer yet (NO_DATA), e.g. an evaluated agency nobody rated. */
export function emptyCell(keys: Partial<Pick<FigureCell, 'agencyId' | 'dimension'>> = {}): FigureCell {
  return {
    agencyId: keys.agencyId ?? null,
    townshipId: null,
    respondentType: null,
    dimension: keys.dimension ?? null,
    counts: [0, 0, 0, 0, 0],
    weightedScoreSum: 0,
    weightedAnswers: 0,
    flaggedAnswers: 0,
    unconfirmedAnswers: 0,
  };
}

/**
 * The lead's and tests' entry point: every figure of a campaign grouped by `groupBy`, unsuppressed, over the
 * whole campaign (a supervisor's view), computed from the rollups in one statement (plus the campaign's target).
 */
export async function readFigures(
  prisma: PrismaClient,
  campaignId: number,
  groupBy: readonly FigureKey[],
  quality: readonly Quality[] = QUALITIES,
): Promise<SurveyFigure[]> {
  const campaign = await prisma.surveyCampaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: { targetRate: true, basicallySatisfiedCounts: true },
  });
  const cells = await readFigureCells(prisma, campaignId, groupBy, quality);
  return cells.map((c) => figureFromCell(c, campaign, 0));
}

/**
 * A group's overall cell from its per-dimension cells (read grouped by DIMENSION): the rate and the quality
 * counts of its OVERALL items, the score over every item — what a read without DIMENSION gives, without a
 * second statement.
 */
export function overallOf(dimensionCells: readonly FigureCell[], keys: Partial<FigureCell> = {}): FigureCell {
  const overall = dimensionCells.find((c) => c.dimension === 'OVERALL');
  return {
    ...emptyCell(),
    ...keys,
    dimension: null,
    counts: overall?.counts ?? [0, 0, 0, 0, 0],
    weightedScoreSum: dimensionCells.reduce((s, c) => s + c.weightedScoreSum, 0),
    weightedAnswers: dimensionCells.reduce((s, c) => s + c.weightedAnswers, 0),
    flaggedAnswers: overall?.flaggedAnswers ?? 0,
    unconfirmedAnswers: overall?.unconfirmedAnswers ?? 0,
  };
}

/** Cells summed into one (the pooled county cell from the agencies' cells). */
export function sumCells(cells: readonly FigureCell[]): FigureCell {
  const total = (f: (c: FigureCell) => number) => cells.reduce((s, c) => s + f(c), 0);
  const level = (i: number) => total((c) => c.counts[i]);
  return {
    ...emptyCell(),
    counts: [level(0), level(1), level(2), level(3), level(4)],
    weightedScoreSum: total((c) => c.weightedScoreSum),
    weightedAnswers: total((c) => c.weightedAnswers),
    flaggedAnswers: total((c) => c.flaggedAnswers),
    unconfirmedAnswers: total((c) => c.unconfirmedAnswers),
  };
}
