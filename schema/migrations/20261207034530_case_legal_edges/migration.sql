-- CreateEnum
CREATE TYPE "DeadlineSuspensionReason" AS ENUM ('HEARING', 'APPRAISAL', 'PUBLIC_NOTICE');

-- AlterEnum
ALTER TYPE "CaseDecision" ADD VALUE 'TRANSFERRED';

-- AlterEnum
ALTER TYPE "CaseStepKind" ADD VALUE 'DEADLINE_SUSPENSION';

-- AlterTable
ALTER TABLE "CaseStep" ADD COLUMN     "discussion" TEXT,
ADD COLUMN     "suspendedFor" "DeadlineSuspensionReason";

-- AlterTable
ALTER TABLE "EnforcementCase" ADD COLUMN     "aggravatingFactor" TEXT,
ADD COLUMN     "discoveredOn" DATE,
ADD COLUMN     "endangersSafety" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "harmFollowed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "transferDocumentNumber" TEXT,
ADD COLUMN     "transferredTo" TEXT;

-- AlterTable
ALTER TABLE "EnforcementMatter" ADD COLUMN     "alternativeKinds" "PenaltyKind"[] DEFAULT ARRAY[]::"PenaltyKind"[],
ADD COLUMN     "benchmark" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "fallbackBelowFen" BIGINT,
ADD COLUMN     "mandatoryKinds" "PenaltyKind"[] DEFAULT ARRAY[]::"PenaltyKind"[];


-- Backfill. 第36条's facts of a case: the limitation stops at 发现, taken as the registration day (Asia/Shanghai)
-- for the cases registered before it was recorded; the 5-year facts as the matter's period under which they were
-- registered, so no existing case changes its limitation.
UPDATE "EnforcementCase" SET "discoveredOn" = (("registeredAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date;
UPDATE "EnforcementCase" c SET "endangersSafety" = true, "harmFollowed" = true
  FROM "EnforcementMatter" m WHERE c."matterId" = m.id AND m."limitationYears" = 5;
-- 并处: a provision of one kind imposes it; with several kinds the provision's text decides, so they stay optional
-- until the matter is edited.
UPDATE "EnforcementMatter" SET "mandatoryKinds" = "penaltyKinds" WHERE cardinality("penaltyKinds") = 1;
