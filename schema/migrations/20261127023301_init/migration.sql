-- CreateEnum
CREATE TYPE "AgencyKind" AS ENUM ('COUNTY_GOVERNMENT', 'JUSTICE_BUREAU', 'ENFORCEMENT_AGENCY', 'TOWNSHIP', 'SUBDISTRICT', 'MANAGEMENT_COMMITTEE', 'JUSTICE_OFFICE', 'SURVEY_ORGANISATION');

-- CreateEnum
CREATE TYPE "PersonRole" AS ENUM ('OFFICER', 'AUXILIARY', 'SUPERVISOR', 'SPECIAL_SUPERVISOR', 'AGENCY_ADMIN', 'SYSTEM_ADMIN');

-- CreateEnum
CREATE TYPE "CertificateStatus" AS ENUM ('VALID', 'SUSPENDED', 'WITHDRAWN', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "EnterpriseKind" AS ENUM ('COMPANY', 'INDIVIDUAL_BUSINESS', 'FARMERS_COOPERATIVE', 'OTHER');

-- CreateEnum
CREATE TYPE "EnterpriseScale" AS ENUM ('MICRO', 'SMALL', 'MEDIUM', 'LARGE');

-- CreateEnum
CREATE TYPE "CreditRiskClass" AS ENUM ('A', 'B', 'C', 'D');

-- CreateEnum
CREATE TYPE "PartyKind" AS ENUM ('ENTERPRISE', 'NATURAL_PERSON');

-- CreateEnum
CREATE TYPE "CaseStage" AS ENUM ('REGISTERED', 'INVESTIGATING', 'LEGAL_REVIEW', 'DECIDED', 'EXECUTED', 'CLOSED');

-- CreateEnum
CREATE TYPE "CaseDecision" AS ENUM ('PENALTY', 'LIGHTER', 'MITIGATED', 'NO_PENALTY', 'DROPPED');

-- CreateEnum
CREATE TYPE "CompulsoryMeasureKind" AS ENUM ('SEAL_UP', 'SEIZURE', 'FREEZE');

-- CreateTable
CREATE TABLE "Agency" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AgencyKind" NOT NULL,
    "parentId" INTEGER,
    "domains" TEXT[],
    "uscc" TEXT,
    "inspectionQualifiedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "roles" "PersonRole"[],
    "certificateNumber" TEXT,
    "certificateStatus" "CertificateStatus",
    "certificateIssuedOn" DATE,
    "certificateExpiresOn" DATE,
    "certificateReviewYear" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" SERIAL NOT NULL,
    "uscc" TEXT NOT NULL,
    "usccOverrideReason" TEXT,
    "usccOverrideBy" TEXT,
    "usccOverrideAt" TIMESTAMP(3),
    "name" TEXT NOT NULL,
    "kind" "EnterpriseKind" NOT NULL,
    "legalRepresentative" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "townshipId" INTEGER,
    "industry" TEXT NOT NULL,
    "scale" "EnterpriseScale" NOT NULL,
    "employees" INTEGER NOT NULL,
    "isKeyEnterprise" BOOLEAN NOT NULL DEFAULT false,
    "creditRiskClass" "CreditRiskClass" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnforcementCase" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "partyKind" "PartyKind" NOT NULL,
    "enterpriseId" INTEGER,
    "partyDescription" TEXT,
    "violation" TEXT NOT NULL,
    "violatedProvision" TEXT NOT NULL,
    "penaltyProvision" TEXT NOT NULL,
    "stage" "CaseStage" NOT NULL DEFAULT 'REGISTERED',
    "decision" "CaseDecision",
    "fineFen" BIGINT,
    "confiscationFen" BIGINT,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EnforcementCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseOfficer" (
    "caseId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseOfficer_pkey" PRIMARY KEY ("caseId","personId")
);

-- CreateTable
CREATE TABLE "CompulsoryMeasure" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" "CompulsoryMeasureKind" NOT NULL,
    "object" TEXT NOT NULL,
    "isProductionEquipment" BOOLEAN NOT NULL DEFAULT false,
    "justification" TEXT,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedBy" TEXT NOT NULL,

    CONSTRAINT "CompulsoryMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" BIGSERIAL NOT NULL,
    "txid" BIGINT NOT NULL DEFAULT (pg_current_xact_id())::text::bigint,
    "topic" TEXT NOT NULL,
    "agencyId" INTEGER,
    "enterpriseId" INTEGER,
    "caseId" INTEGER,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "payload" JSONB NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meta" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meta_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Agency_name_key" ON "Agency"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Agency_uscc_key" ON "Agency"("uscc");

-- CreateIndex
CREATE INDEX "Agency_parentId_idx" ON "Agency"("parentId");

-- CreateIndex
CREATE INDEX "Agency_kind_idx" ON "Agency"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "Person_certificateNumber_key" ON "Person"("certificateNumber");

-- CreateIndex
CREATE INDEX "Person_agencyId_idx" ON "Person"("agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_uscc_key" ON "Enterprise"("uscc");

-- CreateIndex
CREATE INDEX "Enterprise_townshipId_idx" ON "Enterprise"("townshipId");

-- CreateIndex
CREATE INDEX "Enterprise_creditRiskClass_idx" ON "Enterprise"("creditRiskClass");

-- CreateIndex
CREATE UNIQUE INDEX "EnforcementCase_number_key" ON "EnforcementCase"("number");

-- CreateIndex
CREATE INDEX "EnforcementCase_agencyId_id_idx" ON "EnforcementCase"("agencyId", "id");

-- CreateIndex
CREATE INDEX "EnforcementCase_enterpriseId_id_idx" ON "EnforcementCase"("enterpriseId", "id");

-- CreateIndex
CREATE INDEX "EnforcementCase_stage_idx" ON "EnforcementCase"("stage");

-- CreateIndex
CREATE INDEX "CaseOfficer_personId_idx" ON "CaseOfficer"("personId");

-- CreateIndex
CREATE INDEX "CompulsoryMeasure_caseId_idx" ON "CompulsoryMeasure"("caseId");

-- CreateIndex
CREATE INDEX "Event_txid_id_idx" ON "Event"("txid", "id");

-- CreateIndex
CREATE INDEX "Event_topic_txid_id_idx" ON "Event"("topic", "txid", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- AddForeignKey
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enterprise" ADD CONSTRAINT "Enterprise_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnforcementCase" ADD CONSTRAINT "EnforcementCase_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnforcementCase" ADD CONSTRAINT "EnforcementCase_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseOfficer" ADD CONSTRAINT "CaseOfficer_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseOfficer" ADD CONSTRAINT "CaseOfficer_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompulsoryMeasure" ADD CONSTRAINT "CompulsoryMeasure_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;
