-- List kinds are declared by the plugins that own them (non-penalty, flexible-enforcement, …),
-- not by a core enum. Written by hand so that existing rows keep their kind (Prisma's diff would
-- drop and re-add the columns).
ALTER TABLE "EnforcementList" ALTER COLUMN "kind" TYPE TEXT USING "kind"::text;
ALTER TABLE "ListSeries" ALTER COLUMN "kind" TYPE TEXT USING "kind"::text;
DROP TYPE "ListKind";
