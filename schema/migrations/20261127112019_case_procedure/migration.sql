-- CreateEnum
CREATE TYPE "CaseProcedure" AS ENUM ('SIMPLE', 'GENERAL');

-- CreateEnum
CREATE TYPE "CaseGround" AS ENUM ('MINOR_CORRECTED', 'FIRST_OFFENCE', 'NO_FAULT', 'UNDER_FOURTEEN', 'MENTAL_ILLNESS', 'TIME_BARRED', 'FACTS_NOT_ESTABLISHED', 'OTHER');

-- CreateEnum
CREATE TYPE "PenaltyKind" AS ENUM ('WARNING', 'CRITICISM', 'FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY', 'SUSPEND_LICENCE', 'LOWER_QUALIFICATION', 'REVOKE_LICENCE', 'RESTRICT_ACTIVITIES', 'SUSPEND_OPERATIONS', 'CLOSE_DOWN', 'BAN_PRACTICE');

-- CreateEnum
CREATE TYPE "CaseStepKind" AS ENUM ('NOTICE', 'STATEMENT', 'HEARING_REQUEST', 'HEARING', 'LEGAL_REVIEW', 'COLLECTIVE_DISCUSSION', 'SERVICE', 'DEADLINE_EXTENSION');

-- CreateEnum
CREATE TYPE "CaseStepOutcome" AS ENUM ('RECEIVED', 'WAIVED', 'REQUESTED', 'APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('REGISTRATION', 'PENALTY_DECISION', 'NO_PENALTY_DECISION');

-- CreateEnum
CREATE TYPE "CompulsoryMeasureStatus" AS ENUM ('REQUESTED', 'IN_FORCE', 'RELEASED', 'REFUSED');

-- CreateEnum
CREATE TYPE "ListIssuerLevel" AS ENUM ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "PersonRole" ADD VALUE 'LEGAL_REVIEWER';
ALTER TYPE "PersonRole" ADD VALUE 'AGENCY_HEAD';

-- AlterTable
ALTER TABLE "Agency" ADD COLUMN     "documentPrefix" TEXT;

-- AlterTable
ALTER TABLE "CompulsoryMeasure" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedBy" TEXT,
ADD COLUMN     "dueOn" DATE,
ADD COLUMN     "emergency" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "extendedBy" TEXT,
ADD COLUMN     "extendedDays" INTEGER,
ADD COLUMN     "extensionReason" TEXT,
ADD COLUMN     "noticeDocumentNumber" TEXT,
ADD COLUMN     "noticeServedOn" DATE,
ADD COLUMN     "officerIds" INTEGER[],
ADD COLUMN     "overdueNotifiedAt" TIMESTAMP(3),
ADD COLUMN     "releaseReason" TEXT,
ADD COLUMN     "releasedBy" TEXT,
ADD COLUMN     "releasedOn" DATE,
ADD COLUMN     "status" "CompulsoryMeasureStatus" NOT NULL DEFAULT 'IN_FORCE';

-- AlterTable
ALTER TABLE "EnforcementCase" ADD COLUMN     "deadlineOn" DATE,
ADD COLUMN     "decidedBy" TEXT,
ADD COLUMN     "decisionNumber" TEXT,
ADD COLUMN     "decisionReason" TEXT,
ADD COLUMN     "ground" "CaseGround",
ADD COLUMN     "groundNote" TEXT,
ADD COLUMN     "illegalGainsFen" BIGINT,
ADD COLUMN     "matterId" INTEGER,
ADD COLUMN     "mitigatingCircumstance" TEXT,
ADD COLUMN     "procedure" "CaseProcedure" NOT NULL DEFAULT 'GENERAL',
ADD COLUMN     "registeredBy" TEXT,
ADD COLUMN     "serious" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "violationOn" DATE;

-- AlterTable
ALTER TABLE "EnforcementList" ADD COLUMN     "documentNumber" TEXT,
ADD COLUMN     "issuerLevel" "ListIssuerLevel" NOT NULL DEFAULT 'COUNTY',
ADD COLUMN     "issuingBody" TEXT;

-- CreateTable
CREATE TABLE "CasePenalty" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" "PenaltyKind" NOT NULL,
    "amountFen" BIGINT,

    CONSTRAINT "CasePenalty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseStep" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" "CaseStepKind" NOT NULL,
    "on" DATE NOT NULL,
    "outcome" "CaseStepOutcome",
    "documentNumber" TEXT,
    "note" TEXT,
    "days" INTEGER,
    "proposal" JSONB,
    "actor" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentSequence" (
    "agencyId" INTEGER NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "DocumentSequence_pkey" PRIMARY KEY ("agencyId","kind","year")
);

-- CreateTable
CREATE TABLE "EnforcementMatter" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "agencyKinds" "AgencyKind"[],
    "violatedProvision" TEXT NOT NULL,
    "penaltyProvision" TEXT NOT NULL,
    "penaltyKinds" "PenaltyKind"[],
    "fineMinFen" BIGINT,
    "fineMaxFen" BIGINT,
    "gainsMultipleMin" DOUBLE PRECISION,
    "gainsMultipleMax" DOUBLE PRECISION,
    "limitationYears" INTEGER NOT NULL DEFAULT 2,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EnforcementMatter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CasePenalty_caseId_idx" ON "CasePenalty"("caseId");

-- CreateIndex
CREATE INDEX "CasePenalty_kind_idx" ON "CasePenalty"("kind");

-- CreateIndex
CREATE INDEX "CaseStep_caseId_id_idx" ON "CaseStep"("caseId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "EnforcementMatter_code_key" ON "EnforcementMatter"("code");

-- CreateIndex
CREATE INDEX "EnforcementMatter_domain_published_idx" ON "EnforcementMatter"("domain", "published");

-- CreateIndex
CREATE UNIQUE INDEX "Agency_documentPrefix_key" ON "Agency"("documentPrefix");

-- CreateIndex
CREATE INDEX "CompulsoryMeasure_status_dueOn_idx" ON "CompulsoryMeasure"("status", "dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "EnforcementCase_decisionNumber_key" ON "EnforcementCase"("decisionNumber");

-- CreateIndex
CREATE INDEX "EnforcementCase_stage_deadlineOn_idx" ON "EnforcementCase"("stage", "deadlineOn");

-- CreateIndex
CREATE INDEX "EnforcementCase_matterId_violationOn_idx" ON "EnforcementCase"("matterId", "violationOn");

-- AddForeignKey
ALTER TABLE "EnforcementCase" ADD CONSTRAINT "EnforcementCase_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "EnforcementMatter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CasePenalty" ADD CONSTRAINT "CasePenalty_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseStep" ADD CONSTRAINT "CaseStep_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Data written before this migration (written by hand).
-- Penalties: a decided penalty case keeps its fine and confiscation as penalty rows, so the fine
-- fields and `penalties` agree from the start.
INSERT INTO "CasePenalty" ("caseId", "kind", "amountFen")
  SELECT "id", 'FINE', "fineFen" FROM "EnforcementCase" WHERE "fineFen" IS NOT NULL AND "fineFen" > 0;
INSERT INTO "CasePenalty" ("caseId", "kind", "amountFen")
  SELECT "id", 'CONFISCATE_GAINS', "confiscationFen" FROM "EnforcementCase" WHERE "confiscationFen" IS NOT NULL AND "confiscationFen" > 0;
-- Measures: the 30-day limit of 行政强制法 第25条 from the day taken; a measure on a closed case was released with it.
UPDATE "CompulsoryMeasure" SET "dueOn" = (("takenAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date + 30), "officerIds" = '{}';
UPDATE "CompulsoryMeasure" m SET "status" = 'RELEASED', "releasedOn" = (c."closedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date,
  "releaseReason" = '随案件结案解除（迁移前记录）', "releasedBy" = 'system:migration'
  FROM "EnforcementCase" c WHERE c."id" = m."caseId" AND c."stage" = 'CLOSED';
-- Cases still open get the 90-day limit of 第60条 from 立案.
UPDATE "EnforcementCase" SET "deadlineOn" = (("registeredAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date + 90)
  WHERE "stage" IN ('REGISTERED', 'INVESTIGATING', 'LEGAL_REVIEW');
