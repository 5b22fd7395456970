-- AlterTable
ALTER TABLE "InspectionDraw" ADD COLUMN     "enterprisePoolClasses" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "filter" JSONB NOT NULL DEFAULT '{}';


-- Backfill: a draw written before this column had its pool's classes only in the enterprises' rows; take their
-- classes as they are now (the best record left), in pool order.
UPDATE "InspectionDraw" d SET "enterprisePoolClasses" = COALESCE((
  SELECT string_agg(e."creditRiskClass"::text, '' ORDER BY p.ord)
  FROM unnest(d."enterprisePool") WITH ORDINALITY AS p(id, ord)
  JOIN "Enterprise" e ON e.id = p.id
), '');
