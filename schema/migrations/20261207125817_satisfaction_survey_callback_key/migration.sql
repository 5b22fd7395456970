-- The call-back sample is drawn with a secret per campaign (HMAC), so the survey organisation cannot choose external
-- ids that escape it. Campaigns that exist get a key of their own (gen_random_uuid is volatile: one per row); new
-- ones get theirs from the client (Prisma's @default(uuid())), so the column keeps no default.
-- Responses already stored keep the call-back status they were given.
ALTER TABLE "SurveyCampaign" ADD COLUMN "callbackKey" TEXT NOT NULL DEFAULT gen_random_uuid()::text;
ALTER TABLE "SurveyCampaign" ALTER COLUMN "callbackKey" DROP DEFAULT;
