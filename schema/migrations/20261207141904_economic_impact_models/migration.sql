-- CreateEnum
CREATE TYPE "ImpactTriggerKind" AS ENUM ('LARGE_FINE', 'LARGE_CONFISCATION', 'LICENCE', 'OPERATIONS', 'PRODUCTION_MEASURE', 'KEY_ENTERPRISE', 'COOPERATIVE', 'STOPPAGE_RISK', 'SUPPLY_CHAIN_RISK', 'PUBLIC_OPINION_RISK');

-- CreateEnum
CREATE TYPE "ImpactTriggerSource" AS ENUM ('PARTY', 'NOTICE', 'DECISION', 'MEASURE', 'DECLARATION');

-- CreateEnum
CREATE TYPE "ImpactExemptionGround" AS ENUM ('MAJOR_RISK', 'COUNTERFEIT', 'PERSONAL_SAFETY');

-- CreateEnum
CREATE TYPE "ImpactAssessmentStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'REVIEWED', 'APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "ImpactLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'SEVERE');

-- CreateEnum
CREATE TYPE "ImpactMitigationKind" AS ENUM ('INSTALMENT', 'DEFERRAL', 'MILDER_MEASURE', 'CREDIT_REPAIR_NOTICE', 'COMPLIANCE_GUIDANCE', 'FOLLOW_UP_VISIT');

-- CreateTable
CREATE TABLE "ImpactTrigger" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" "ImpactTriggerKind" NOT NULL,
    "source" "ImpactTriggerSource" NOT NULL,
    "amountFen" BIGINT,
    "thresholdFen" BIGINT,
    "penaltyKind" "PenaltyKind",
    "measureId" INTEGER,
    "stepId" INTEGER,
    "note" TEXT,
    "rulesVersion" INTEGER NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,

    CONSTRAINT "ImpactTrigger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImpactExemption" (
    "caseId" INTEGER NOT NULL,
    "ground" "ImpactExemptionGround" NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImpactExemption_pkey" PRIMARY KEY ("caseId")
);

-- CreateTable
CREATE TABLE "ImpactAssessment" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" "ImpactAssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "scores" JSONB NOT NULL DEFAULT '[]',
    "stoppageDays" INTEGER,
    "revenueSharePct" DOUBLE PRECISION,
    "jobsAffected" INTEGER,
    "summary" TEXT,
    "weightedScore" DOUBLE PRECISION,
    "level" "ImpactLevel",
    "rulesVersion" INTEGER,
    "coveredTriggerIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "assessedProposal" JSONB,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedBy" TEXT,
    "submittedAt" TIMESTAMP(3),
    "reviewedBy" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,
    "approvedBy" TEXT,
    "approvedAt" TIMESTAMP(3),
    "returnedBy" TEXT,
    "returnedAt" TIMESTAMP(3),
    "returnComment" TEXT,

    CONSTRAINT "ImpactAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImpactMitigation" (
    "id" SERIAL NOT NULL,
    "assessmentId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "ImpactMitigationKind" NOT NULL,
    "text" TEXT NOT NULL,
    "instalments" INTEGER,
    "dueOn" DATE,

    CONSTRAINT "ImpactMitigation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImpactFollowUp" (
    "id" SERIAL NOT NULL,
    "assessmentId" INTEGER NOT NULL,
    "visitedOn" DATE NOT NULL,
    "findings" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImpactFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImpactDecision" (
    "caseId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "required" BOOLEAN NOT NULL,
    "exempt" BOOLEAN NOT NULL DEFAULT false,
    "assessmentId" INTEGER,
    "penaltiesChanged" BOOLEAN,
    "paymentTerms" JSONB,
    "decidedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImpactDecision_pkey" PRIMARY KEY ("caseId")
);

-- CreateTable
CREATE TABLE "ImpactRules" (
    "version" INTEGER NOT NULL,
    "organisationThresholdFen" BIGINT NOT NULL,
    "individualBusinessThresholdFen" BIGINT NOT NULL,
    "enabledTriggers" "ImpactTriggerKind"[],
    "weights" JSONB NOT NULL,
    "mediumFrom" DOUBLE PRECISION NOT NULL,
    "highFrom" DOUBLE PRECISION NOT NULL,
    "severeFrom" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "changedBy" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImpactRules_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "ImpactStatsRollup" (
    "agencyId" INTEGER NOT NULL,
    "grain" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "metric" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ImpactStatsRollup_pkey" PRIMARY KEY ("agencyId","grain","day","metric","key")
);

-- CreateIndex
CREATE INDEX "ImpactTrigger_caseId_id_idx" ON "ImpactTrigger"("caseId", "id");

-- CreateIndex
CREATE INDEX "ImpactTrigger_firedAt_idx" ON "ImpactTrigger"("firedAt");

-- CreateIndex
CREATE INDEX "ImpactAssessment_agencyId_id_idx" ON "ImpactAssessment"("agencyId", "id");

-- CreateIndex
CREATE INDEX "ImpactAssessment_enterpriseId_id_idx" ON "ImpactAssessment"("enterpriseId", "id");

-- CreateIndex
CREATE INDEX "ImpactAssessment_status_id_idx" ON "ImpactAssessment"("status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ImpactAssessment_caseId_revision_key" ON "ImpactAssessment"("caseId", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "ImpactMitigation_assessmentId_position_key" ON "ImpactMitigation"("assessmentId", "position");

-- CreateIndex
CREATE INDEX "ImpactFollowUp_assessmentId_id_idx" ON "ImpactFollowUp"("assessmentId", "id");

-- CreateIndex
CREATE INDEX "ImpactDecision_assessmentId_idx" ON "ImpactDecision"("assessmentId");

-- CreateIndex
CREATE INDEX "ImpactDecision_agencyId_decidedAt_idx" ON "ImpactDecision"("agencyId", "decidedAt");

-- AddForeignKey
ALTER TABLE "ImpactTrigger" ADD CONSTRAINT "ImpactTrigger_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactExemption" ADD CONSTRAINT "ImpactExemption_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactAssessment" ADD CONSTRAINT "ImpactAssessment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactAssessment" ADD CONSTRAINT "ImpactAssessment_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactAssessment" ADD CONSTRAINT "ImpactAssessment_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactMitigation" ADD CONSTRAINT "ImpactMitigation_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "ImpactAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactFollowUp" ADD CONSTRAINT "ImpactFollowUp_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "ImpactAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactDecision" ADD CONSTRAINT "ImpactDecision_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactDecision" ADD CONSTRAINT "ImpactDecision_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "ImpactAssessment"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Version 1 of the county's rules: the published defaults (src/rules/rules-values.ts DEFAULT_RULES, which a test
-- holds equal to this row): ¥50,000 / ¥5,000, every trigger, the weights, cut-offs 1 / 2 / 3.
INSERT INTO "ImpactRules" ("version", "organisationThresholdFen", "individualBusinessThresholdFen", "enabledTriggers",
  "weights", "mediumFrom", "highFrom", "severeFrom", "reason", "changedBy", "changedAt")
VALUES (1, 5000000, 500000,
  ARRAY['LARGE_FINE', 'LARGE_CONFISCATION', 'LICENCE', 'OPERATIONS', 'PRODUCTION_MEASURE', 'KEY_ENTERPRISE',
    'COOPERATIVE', 'STOPPAGE_RISK', 'SUPPLY_CHAIN_RISK', 'PUBLIC_OPINION_RISK']::"ImpactTriggerKind"[],
  '{"SURVIVAL": 2000, "OPERATIONS": 2000, "EMPLOYMENT": 1500, "SUPPLY_CHAIN": 1000, "REGIONAL_ECONOMY": 1000, "TAX": 1000, "CREDIT": 1000, "PUBLIC_OPINION": 500}'::jsonb,
  1, 2, 3, '默认规则：参照潜山市 2025 年涉企行政执法案件经济影响评估办法等公开规则 Defaults from published county rules (潜山 2025, 青岛西海岸, 巴彦淖尔)',
  'system:defaults', '2026-01-01T00:00:00Z');
