-- CreateEnum
CREATE TYPE "SurveyCampaignStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "SurveyRespondentType" AS ENUM ('PUBLIC', 'ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'LAWYER', 'OTHER');

-- CreateEnum
CREATE TYPE "SurveyChannel" AS ENUM ('PHONE', 'ONLINE', 'ON_SITE');

-- CreateEnum
CREATE TYPE "SurveyItemKind" AS ENUM ('LIKERT5', 'SINGLE_CHOICE', 'FREE_TEXT');

-- CreateEnum
CREATE TYPE "SurveyDimension" AS ENUM ('NORMATIVE', 'CIVILITY', 'FAIRNESS', 'EFFICIENCY', 'INTEGRITY', 'BURDEN', 'FLEXIBLE', 'OVERALL');

-- CreateEnum
CREATE TYPE "SurveyQuality" AS ENUM ('CLEAN', 'FLAGGED', 'UNCONFIRMED');

-- CreateEnum
CREATE TYPE "SurveyCallbackStatus" AS ENUM ('PENDING', 'CONFIRMED', 'NOT_REACHED');

-- CreateTable
CREATE TABLE "SurveyCampaign" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "commissioningAgencyId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "respondentTypes" "SurveyRespondentType"[],
    "channels" "SurveyChannel"[],
    "targetRate" DOUBLE PRECISION NOT NULL DEFAULT 0.93,
    "basicallySatisfiedCounts" BOOLEAN NOT NULL DEFAULT false,
    "minDurationSeconds" INTEGER NOT NULL DEFAULT 60,
    "status" "SurveyCampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "responseCount" INTEGER NOT NULL DEFAULT 0,
    "flaggedCount" INTEGER NOT NULL DEFAULT 0,
    "callbackSampledCount" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "SurveyCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyCampaignUnit" (
    "campaignId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "evaluated" BOOLEAN NOT NULL,

    CONSTRAINT "SurveyCampaignUnit_pkey" PRIMARY KEY ("campaignId","agencyId","evaluated")
);

-- CreateTable
CREATE TABLE "SurveyQuestionnaire" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "frozenAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyQuestionnaire_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyItem" (
    "id" SERIAL NOT NULL,
    "questionnaireId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "SurveyItemKind" NOT NULL,
    "dimension" "SurveyDimension",
    "text" TEXT NOT NULL,
    "options" TEXT[],
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "required" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "SurveyItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyStratum" (
    "campaignId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "population" INTEGER NOT NULL,
    "sampleSize" INTEGER NOT NULL,

    CONSTRAINT "SurveyStratum_pkey" PRIMARY KEY ("campaignId","agencyId")
);

-- CreateTable
CREATE TABLE "SurveyBatch" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "apiKeyId" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "duplicates" INTEGER NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "batchId" INTEGER NOT NULL,
    "externalId" TEXT NOT NULL,
    "respondentType" "SurveyRespondentType" NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "channel" "SurveyChannel" NOT NULL,
    "collectedAt" TIMESTAMP(3) NOT NULL,
    "durationSeconds" INTEGER,
    "answers" JSONB NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "flags" TEXT[],
    "quality" "SurveyQuality" NOT NULL DEFAULT 'CLEAN',
    "callbackStatus" "SurveyCallbackStatus",
    "callbackNote" TEXT,
    "callbackBy" TEXT,
    "callbackAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyRollup" (
    "campaignId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "respondentType" "SurveyRespondentType" NOT NULL,
    "itemId" INTEGER NOT NULL,
    "quality" "SurveyQuality" NOT NULL,
    "verySatisfied" INTEGER NOT NULL DEFAULT 0,
    "satisfied" INTEGER NOT NULL DEFAULT 0,
    "basicallySatisfied" INTEGER NOT NULL DEFAULT 0,
    "dissatisfied" INTEGER NOT NULL DEFAULT 0,
    "veryDissatisfied" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SurveyRollup_pkey" PRIMARY KEY ("campaignId","agencyId","townshipId","respondentType","itemId","quality")
);

-- CreateTable
CREATE TABLE "SurveyFreeText" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "responseId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "dimension" "SurveyDimension" NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "respondentType" "SurveyRespondentType" NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "SurveyFreeText_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SurveyCampaign_status_id_idx" ON "SurveyCampaign"("status", "id");

-- CreateIndex
CREATE INDEX "SurveyCampaign_organisationId_id_idx" ON "SurveyCampaign"("organisationId", "id");

-- CreateIndex
CREATE INDEX "SurveyCampaignUnit_agencyId_idx" ON "SurveyCampaignUnit"("agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyQuestionnaire_campaignId_version_key" ON "SurveyQuestionnaire"("campaignId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyItem_questionnaireId_code_key" ON "SurveyItem"("questionnaireId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyItem_questionnaireId_position_key" ON "SurveyItem"("questionnaireId", "position");

-- CreateIndex
CREATE INDEX "SurveyBatch_campaignId_id_idx" ON "SurveyBatch"("campaignId", "id");

-- CreateIndex
CREATE INDEX "SurveyResponse_campaignId_id_idx" ON "SurveyResponse"("campaignId", "id");

-- CreateIndex
CREATE INDEX "SurveyResponse_campaignId_quality_id_idx" ON "SurveyResponse"("campaignId", "quality", "id");

-- CreateIndex
CREATE INDEX "SurveyResponse_campaignId_callbackStatus_id_idx" ON "SurveyResponse"("campaignId", "callbackStatus", "id");

-- CreateIndex
CREATE INDEX "SurveyResponse_batchId_idx" ON "SurveyResponse"("batchId");

-- CreateIndex
CREATE INDEX "SurveyResponse_agencyId_idx" ON "SurveyResponse"("agencyId");

-- CreateIndex
CREATE INDEX "SurveyResponse_townshipId_idx" ON "SurveyResponse"("townshipId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_campaignId_externalId_key" ON "SurveyResponse"("campaignId", "externalId");

-- CreateIndex
CREATE INDEX "SurveyRollup_itemId_idx" ON "SurveyRollup"("itemId");

-- CreateIndex
CREATE INDEX "SurveyRollup_agencyId_idx" ON "SurveyRollup"("agencyId");

-- CreateIndex
CREATE INDEX "SurveyRollup_townshipId_idx" ON "SurveyRollup"("townshipId");

-- CreateIndex
CREATE INDEX "SurveyFreeText_campaignId_dimension_id_idx" ON "SurveyFreeText"("campaignId", "dimension", "id");

-- CreateIndex
CREATE INDEX "SurveyFreeText_responseId_idx" ON "SurveyFreeText"("responseId");

-- CreateIndex
CREATE INDEX "SurveyFreeText_itemId_idx" ON "SurveyFreeText"("itemId");

-- CreateIndex
CREATE INDEX "SurveyFreeText_agencyId_idx" ON "SurveyFreeText"("agencyId");

-- AddForeignKey
ALTER TABLE "SurveyCampaign" ADD CONSTRAINT "SurveyCampaign_commissioningAgencyId_fkey" FOREIGN KEY ("commissioningAgencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyCampaign" ADD CONSTRAINT "SurveyCampaign_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyCampaignUnit" ADD CONSTRAINT "SurveyCampaignUnit_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "SurveyCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyCampaignUnit" ADD CONSTRAINT "SurveyCampaignUnit_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyQuestionnaire" ADD CONSTRAINT "SurveyQuestionnaire_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "SurveyCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyItem" ADD CONSTRAINT "SurveyItem_questionnaireId_fkey" FOREIGN KEY ("questionnaireId") REFERENCES "SurveyQuestionnaire"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyStratum" ADD CONSTRAINT "SurveyStratum_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "SurveyCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyStratum" ADD CONSTRAINT "SurveyStratum_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyBatch" ADD CONSTRAINT "SurveyBatch_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "SurveyCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "SurveyCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "SurveyBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyRollup" ADD CONSTRAINT "SurveyRollup_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "SurveyCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyRollup" ADD CONSTRAINT "SurveyRollup_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyRollup" ADD CONSTRAINT "SurveyRollup_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyRollup" ADD CONSTRAINT "SurveyRollup_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SurveyItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyFreeText" ADD CONSTRAINT "SurveyFreeText_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "SurveyCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyFreeText" ADD CONSTRAINT "SurveyFreeText_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "SurveyResponse"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyFreeText" ADD CONSTRAINT "SurveyFreeText_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SurveyItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyFreeText" ADD CONSTRAINT "SurveyFreeText_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

