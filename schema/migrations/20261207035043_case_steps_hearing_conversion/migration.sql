-- CreateEnum
CREATE TYPE "HearingClosedReason" AS ENUM ('STATE_SECRET', 'BUSINESS_SECRET', 'PRIVACY', 'PARTY_REQUEST');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CaseStepKind" ADD VALUE 'HEARING_NOTICE';
ALTER TYPE "CaseStepKind" ADD VALUE 'PROCEDURE_CONVERSION';

-- AlterTable
ALTER TABLE "CaseStep" ADD COLUMN     "closedReason" "HearingClosedReason",
ADD COLUMN     "hearingOn" DATE,
ADD COLUMN     "newFacts" TEXT,
ADD COLUMN     "place" TEXT,
ADD COLUMN     "presidingOfficerId" INTEGER,
ADD COLUMN     "publicHearing" BOOLEAN;

-- AlterTable
ALTER TABLE "EnforcementCase" ADD COLUMN     "hearingStepId" INTEGER;

-- AddForeignKey
ALTER TABLE "EnforcementCase" ADD CONSTRAINT "EnforcementCase_hearingStepId_fkey" FOREIGN KEY ("hearingStepId") REFERENCES "CaseStep"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseStep" ADD CONSTRAINT "CaseStep_presidingOfficerId_fkey" FOREIGN KEY ("presidingOfficerId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Backfill (第65条): a case decided after a hearing rests on that hearing's record — the latest one held
-- before the decision. Hearings recorded before this migration keep presidingOfficerId, publicHearing and
-- closedReason null: who presided and whether it was public were not recorded, and are not invented here.
UPDATE "EnforcementCase" c
SET "hearingStepId" = h."id"
FROM (
  SELECT DISTINCT ON (s."caseId") s."caseId", s."id"
  FROM "CaseStep" s
  JOIN "EnforcementCase" d ON d."id" = s."caseId"
  WHERE s."kind" = 'HEARING' AND d."decidedAt" IS NOT NULL AND s."recordedAt" <= d."decidedAt"
  ORDER BY s."caseId", s."id" DESC
) h
WHERE c."id" = h."caseId";
