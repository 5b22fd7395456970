-- AlterTable
ALTER TABLE "FlexibleDecisionBasis" ADD COLUMN     "decided" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "FlexibleStatsRollup" (
    "agencyId" INTEGER NOT NULL,
    "grain" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "metric" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "FlexibleStatsRollup_pkey" PRIMARY KEY ("agencyId","grain","day","metric","key")
);


-- A citation before the decision is not a decision: only the decision guard marks a basis decided. Bases of cases
-- already decided LIGHTER / MITIGATED were decided on.
UPDATE "FlexibleDecisionBasis" b SET "decided" = true
FROM "EnforcementCase" c
WHERE c."id" = b."caseId" AND c."decision"::text IN ('LIGHTER', 'MITIGATED');

-- flexibleEnforcementStats reads FlexibleStatsRollup: sums per agency (0: the county) × grain (day, month, year) ×
-- metric × key, so a range costs a bounded number of cells however many rows there are. The sums are kept here, by
-- statement-level triggers on the four tables counted, because those rows are written by several services (soft
-- measures, invitations, the decision guard, the measure guard and its approval), by the seed and by operators: each
-- statement adds what its new rows count and takes back what its old rows counted, in the writer's transaction, so
-- the rollup always equals a recount of the rows. A change that moves no figure (a note, an announcement time) nets
-- to nothing and writes nothing. Cells are written in key order, so two writers never lock them in opposite orders.
--
-- Each table's cells: (agency, Asia/Shanghai day, metric, key, value) of one row, given as jsonb (to_jsonb of the row).
-- Timestamps are UTC; Shanghai has had no daylight saving since 1991, so its day is the UTC time + 8 hours.
CREATE FUNCTION "flexible_stats_soft_measure_cells"(r jsonb)
RETURNS TABLE ("agency" int, "day" date, "metric" text, "key" text, "value" bigint)
LANGUAGE sql IMMUTABLE AS $$
  SELECT (r->>'agencyId')::int, (r->>'takenOn')::date, x.metric, x.key, x.value
  FROM (VALUES
    ('softKind', r->>'kind', 1::bigint),
    ('softOutcome', coalesce(r->>'outcome', 'OPEN'), 1),
    -- Open with a follow-up day: overdue once that day has passed (the reader compares the key with today).
    ('softOpenFollowUp', CASE WHEN r->>'outcome' IS NULL THEN r->>'followUpOn' END, 1),
    ('softFollowedByCase', CASE WHEN r->>'followUpCaseId' IS NOT NULL THEN coalesce(r->>'outcome', 'OPEN') END, 1)
  ) AS x(metric, key, value)
  WHERE x.key IS NOT NULL
$$;

CREATE FUNCTION "flexible_stats_invitation_cells"(r jsonb)
RETURNS TABLE ("agency" int, "day" date, "metric" text, "key" text, "value" bigint)
LANGUAGE sql IMMUTABLE AS $$
  SELECT (r->>'agencyId')::int, (t.req + interval '8 hours')::date, x.metric, x.key, x.value
  FROM (SELECT (r->>'requestedAt')::timestamp AS req,
               extract(epoch FROM ((r->>'respondedAt')::timestamp - (r->>'requestedAt')::timestamp)) AS secs) t
  CROSS JOIN LATERAL (VALUES
    ('invStatus', r->>'status', 1::bigint),
    -- Whole hours elapsed (the median's histogram) and the exact milliseconds (the mean).
    ('invResponseHours', (floor(t.secs / 3600)::bigint)::text, 1),
    ('invResponseMs', CASE WHEN t.secs IS NOT NULL THEN '' END, round(t.secs * 1000)::bigint),
    ('invRating', r->>'rating', 1)
  ) AS x(metric, key, value)
  WHERE x.key IS NOT NULL
$$;

CREATE FUNCTION "flexible_stats_decision_cells"(r jsonb)
RETURNS TABLE ("agency" int, "day" date, "metric" text, "key" text, "value" bigint)
LANGUAGE sql IMMUTABLE AS $$
  SELECT (r->>'agencyId')::int, ((r->>'decidedAt')::timestamp + interval '8 hours')::date, x.metric, x.key, x.value
  FROM (VALUES
    ('decision', r->>'decision', 1::bigint),
    ('decisionFineFen', CASE WHEN r->>'fineFen' IS NOT NULL THEN r->>'decision' END, (r->>'fineFen')::bigint),
    ('decisionNotImposedFen', CASE WHEN r->>'fineNotImposedFen' IS NOT NULL THEN r->>'decision' END,
      (r->>'fineNotImposedFen')::bigint),
    -- The matter names no maximum: nothing can be said of what was left unimposed.
    ('decisionMaxUnknown', CASE WHEN r->>'fineNotImposedFen' IS NULL THEN r->>'decision' END, 1)
  ) AS x(metric, key, value)
  WHERE x.key IS NOT NULL AND (r->>'decided')::boolean
$$;

CREATE FUNCTION "flexible_stats_measure_check_cells"(r jsonb)
RETURNS TABLE ("agency" int, "day" date, "metric" text, "key" text, "value" bigint)
LANGUAGE sql IMMUTABLE AS $$
  SELECT (r->>'agencyId')::int, ((r->>'recordedAt')::timestamp + interval '8 hours')::date, x.metric, x.key, 1::bigint
  FROM (VALUES
    ('measureCheck', r->>'outcome'),
    -- Of the JUSTIFIED, those the head approved (the rest await the approval).
    ('measureCheckApproved', CASE WHEN r->>'outcome' = 'JUSTIFIED' AND r->>'approvedBy' IS NOT NULL THEN 'JUSTIFIED' END)
  ) AS x(metric, key)
  WHERE x.key IS NOT NULL
$$;

-- The one statement that adds the cells of `changes` (rows as (sign, r jsonb)) to the rollup of `schema`: each cell
-- for its agency and the county, at its day, month and year; merged, sorted, zero sums dropped.
CREATE FUNCTION "flexible_stats_sql"(schema text, cells text, changes text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT format($q$
    INSERT INTO %1$I."FlexibleStatsRollup" AS t ("agencyId", "grain", "day", "metric", "key", "value")
    SELECT a.agency, g.grain, g.day, c.metric, c.key, sum(ch.sign * c.value)
    FROM (%3$s) ch
    CROSS JOIN LATERAL %1$I.%2$I(ch.r) c
    CROSS JOIN LATERAL (VALUES (c.agency), (0)) a(agency)
    CROSS JOIN LATERAL (VALUES
      ('D', c.day),
      ('M', make_date(extract(year FROM c.day)::int, extract(month FROM c.day)::int, 1)),
      ('Y', make_date(extract(year FROM c.day)::int, 1, 1))) g(grain, day)
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(ch.sign * c.value) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("agencyId", "grain", "day", "metric", "key") DO UPDATE SET "value" = t."value" + EXCLUDED."value"
  $q$, schema, cells, changes)
$f$;

-- Transition tables are visible to this function's own statements only, so the statement is run here.
CREATE FUNCTION "flexible_stats_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stmt text;
BEGIN
  EXECUTE format('SELECT %I."flexible_stats_sql"($1, $2, $3)', TG_TABLE_SCHEMA) INTO stmt
    USING TG_TABLE_SCHEMA, TG_ARGV[0], CASE TG_OP
      WHEN 'INSERT' THEN 'SELECT 1 AS sign, to_jsonb(n) AS r FROM new_rows n'
      WHEN 'DELETE' THEN 'SELECT -1 AS sign, to_jsonb(o) AS r FROM old_rows o'
      ELSE 'SELECT 1 AS sign, to_jsonb(n) AS r FROM new_rows n UNION ALL SELECT -1, to_jsonb(o) FROM old_rows o'
    END;
  EXECUTE stmt;
  RETURN NULL;
END
$$;

CREATE TRIGGER "SoftMeasure_stats_insert" AFTER INSERT ON "SoftMeasure" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_soft_measure_cells');
CREATE TRIGGER "SoftMeasure_stats_update" AFTER UPDATE ON "SoftMeasure" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_soft_measure_cells');
CREATE TRIGGER "SoftMeasure_stats_delete" AFTER DELETE ON "SoftMeasure" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_soft_measure_cells');

CREATE TRIGGER "Invitation_stats_insert" AFTER INSERT ON "Invitation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_invitation_cells');
CREATE TRIGGER "Invitation_stats_update" AFTER UPDATE ON "Invitation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_invitation_cells');
CREATE TRIGGER "Invitation_stats_delete" AFTER DELETE ON "Invitation" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_invitation_cells');

CREATE TRIGGER "FlexibleDecisionBasis_stats_insert" AFTER INSERT ON "FlexibleDecisionBasis" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_decision_cells');
CREATE TRIGGER "FlexibleDecisionBasis_stats_update" AFTER UPDATE ON "FlexibleDecisionBasis" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_decision_cells');
CREATE TRIGGER "FlexibleDecisionBasis_stats_delete" AFTER DELETE ON "FlexibleDecisionBasis" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_decision_cells');

CREATE TRIGGER "CompulsoryMeasureCheck_stats_insert" AFTER INSERT ON "CompulsoryMeasureCheck" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_measure_check_cells');
CREATE TRIGGER "CompulsoryMeasureCheck_stats_update" AFTER UPDATE ON "CompulsoryMeasureCheck" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_measure_check_cells');
CREATE TRIGGER "CompulsoryMeasureCheck_stats_delete" AFTER DELETE ON "CompulsoryMeasureCheck" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "flexible_stats_changed"('flexible_stats_measure_check_cells');

-- The rows already written.
DO $$
BEGIN
  EXECUTE "flexible_stats_sql"(current_schema(), 'flexible_stats_soft_measure_cells',
    'SELECT 1 AS sign, to_jsonb(x) AS r FROM "SoftMeasure" x');
  EXECUTE "flexible_stats_sql"(current_schema(), 'flexible_stats_invitation_cells',
    'SELECT 1 AS sign, to_jsonb(x) AS r FROM "Invitation" x');
  EXECUTE "flexible_stats_sql"(current_schema(), 'flexible_stats_decision_cells',
    'SELECT 1 AS sign, to_jsonb(x) AS r FROM "FlexibleDecisionBasis" x');
  EXECUTE "flexible_stats_sql"(current_schema(), 'flexible_stats_measure_check_cells',
    'SELECT 1 AS sign, to_jsonb(x) AS r FROM "CompulsoryMeasureCheck" x');
END
$$;
