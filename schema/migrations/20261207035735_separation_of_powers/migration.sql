-- AlterTable
ALTER TABLE "EnforcementCase" ADD COLUMN     "decidedByInvestigator" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "RetiredCertificate" (
    "number" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "status" "CertificateStatus",
    "retiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredBy" TEXT NOT NULL,

    CONSTRAINT "RetiredCertificate_pkey" PRIMARY KEY ("number")
);

-- CreateIndex
CREATE INDEX "RetiredCertificate_personId_idx" ON "RetiredCertificate"("personId");


-- Backfill: certificates already withdrawn or cancelled are final, so their numbers are retired now
-- (their holders keep them on record; nobody else may take them, and they never come back as VALID).
INSERT INTO "RetiredCertificate" ("number", "personId", "status", "retiredBy")
SELECT "certificateNumber", "id", "certificateStatus", 'system:migration'
FROM "Person"
WHERE "certificateNumber" IS NOT NULL AND "certificateStatus" IN ('WITHDRAWN', 'CANCELLED');

-- Backfill: a general-procedure decision already taken by a head who was an assigned officer says so.
UPDATE "EnforcementCase" c
SET "decidedByInvestigator" = true
WHERE c."procedure" = 'GENERAL'
  AND c."decidedBy" IS NOT NULL
  AND EXISTS (
    SELECT 1 FROM "CaseOfficer" o WHERE o."caseId" = c."id" AND c."decidedBy" = 'person:' || o."personId"
  );
