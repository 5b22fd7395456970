-- CreateEnum
CREATE TYPE "InspectionPlanStatus" AS ENUM ('DRAFT', 'FILED', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "InspectionMethod" AS ENUM ('ON_SITE', 'OFF_SITE', 'DOCUMENTARY', 'DOUBLE_RANDOM', 'JOINT');

-- CreateEnum
CREATE TYPE "InspectionSchemeStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');

-- CreateEnum
CREATE TYPE "InspectionNotice" AS ENUM ('AGREED', 'SURPRISE');

-- CreateEnum
CREATE TYPE "InspectionFilingStatus" AS ENUM ('FILED', 'VISITED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "InspectionFinding" AS ENUM ('COMPLIANT', 'RECTIFICATION_ORDERED', 'CASE_OPENED');

-- CreateEnum
CREATE TYPE "InspectionWarningRule" AS ENUM ('UNFILED', 'MULTI_AGENCY', 'REPEATED', 'HIGH_FREQUENCY');

-- CreateEnum
CREATE TYPE "InspectionWarningStatus" AS ENUM ('RAISED', 'ASSIGNED', 'SUPERVISED', 'RECTIFIED', 'CLOSED');

-- CreateTable
CREATE TABLE "InspectionItem" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "publishedBy" TEXT,
    "repealedAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InspectionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionItemMatter" (
    "itemId" INTEGER NOT NULL,
    "matterId" INTEGER NOT NULL,

    CONSTRAINT "InspectionItemMatter_pkey" PRIMARY KEY ("itemId","matterId")
);

-- CreateTable
CREATE TABLE "InspectionPlan" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "InspectionPlanStatus" NOT NULL DEFAULT 'DRAFT',
    "basis" TEXT NOT NULL,
    "subjects" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "samplingBasisPoints" INTEGER NOT NULL,
    "frequencyPerYear" INTEGER NOT NULL,
    "method" "InspectionMethod" NOT NULL,
    "content" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "filedAt" TIMESTAMP(3),
    "filedBy" TEXT,
    "publishedAt" TIMESTAMP(3),
    "publishedBy" TEXT,

    CONSTRAINT "InspectionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionPlanItem" (
    "planId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,

    CONSTRAINT "InspectionPlanItem_pkey" PRIMARY KEY ("planId","itemId")
);

-- CreateTable
CREATE TABLE "InspectionScheme" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "planId" INTEGER,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "status" "InspectionSchemeStatus" NOT NULL DEFAULT 'PENDING',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "urgentReason" TEXT,
    "approvalDueAt" TIMESTAMP(3),
    "overdueAnnouncedAt" TIMESTAMP(3),
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "InspectionScheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionSchemeItem" (
    "schemeId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,

    CONSTRAINT "InspectionSchemeItem_pkey" PRIMARY KEY ("schemeId","itemId")
);

-- CreateTable
CREATE TABLE "InspectionFiling" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "schemeId" INTEGER NOT NULL,
    "status" "InspectionFilingStatus" NOT NULL DEFAULT 'FILED',
    "plannedFrom" TIMESTAMP(3) NOT NULL,
    "plannedTo" TIMESTAMP(3) NOT NULL,
    "notice" "InspectionNotice" NOT NULL,
    "noticeNote" TEXT NOT NULL,
    "major" BOOLEAN NOT NULL DEFAULT false,
    "jointInspectionId" INTEGER,
    "filedBy" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "InspectionFiling_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionFilingItem" (
    "filingId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,

    CONSTRAINT "InspectionFilingItem_pkey" PRIMARY KEY ("filingId","itemId")
);

-- CreateTable
CREATE TABLE "InspectionFilingOfficer" (
    "filingId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    CONSTRAINT "InspectionFilingOfficer_pkey" PRIMARY KEY ("filingId","personId")
);

-- CreateTable
CREATE TABLE "JointInspection" (
    "id" SERIAL NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "leadAgencyId" INTEGER NOT NULL,
    "windowFrom" TIMESTAMP(3) NOT NULL,
    "windowTo" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JointInspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionObserver" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "filingId" INTEGER,
    "jointInspectionId" INTEGER,
    "invitedBy" TEXT NOT NULL,
    "invitedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InspectionObserver_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionVisit" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "filingId" INTEGER,
    "jointInspectionId" INTEGER,
    "visitedAt" TIMESTAMP(3) NOT NULL,
    "codeKeyId" TEXT NOT NULL,
    "finding" "InspectionFinding",
    "findingNote" TEXT,
    "rectificationDueOn" DATE,
    "caseId" INTEGER,
    "findingRecordedAt" TIMESTAMP(3),
    "findingRecordedBy" TEXT,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InspectionVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionVisitOfficer" (
    "visitId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    CONSTRAINT "InspectionVisitOfficer_pkey" PRIMARY KEY ("visitId","personId")
);

-- CreateTable
CREATE TABLE "InspectionVisitItem" (
    "visitId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "visitedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InspectionVisitItem_pkey" PRIMARY KEY ("visitId","itemId")
);

-- CreateTable
CREATE TABLE "InspectionRating" (
    "id" SERIAL NOT NULL,
    "visitId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "ratedBy" TEXT NOT NULL,
    "ratedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InspectionRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionDraw" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "matterId" INTEGER NOT NULL,
    "seed" TEXT NOT NULL,
    "weights" JSONB NOT NULL,
    "enterprisePool" INTEGER[],
    "officerPool" INTEGER[],
    "enterpriseCount" INTEGER NOT NULL,
    "officersPerEnterprise" INTEGER NOT NULL,
    "drawnBy" TEXT NOT NULL,
    "drawnAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "InspectionDraw_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionDrawEnterprise" (
    "drawId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "creditRiskClass" "CreditRiskClass" NOT NULL,
    "officerIds" INTEGER[],

    CONSTRAINT "InspectionDrawEnterprise_pkey" PRIMARY KEY ("drawId","position")
);

-- CreateTable
CREATE TABLE "InspectionWarning" (
    "id" SERIAL NOT NULL,
    "rule" "InspectionWarningRule" NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "agencyIds" INTEGER[],
    "visitIds" INTEGER[],
    "evidence" JSONB NOT NULL,
    "basis" TEXT NOT NULL,
    "status" "InspectionWarningStatus" NOT NULL DEFAULT 'RAISED',
    "dueAt" TIMESTAMP(3),
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "InspectionWarning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionWarningStep" (
    "id" SERIAL NOT NULL,
    "warningId" INTEGER NOT NULL,
    "status" "InspectionWarningStatus" NOT NULL,
    "comment" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InspectionWarningStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InspectionItem_agencyId_year_id_idx" ON "InspectionItem"("agencyId", "year", "id");

-- CreateIndex
CREATE INDEX "InspectionItem_publishedAt_id_idx" ON "InspectionItem"("publishedAt", "id");

-- CreateIndex
CREATE INDEX "InspectionItemMatter_matterId_idx" ON "InspectionItemMatter"("matterId");

-- CreateIndex
CREATE INDEX "InspectionPlan_year_status_id_idx" ON "InspectionPlan"("year", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionPlan_agencyId_year_key" ON "InspectionPlan"("agencyId", "year");

-- CreateIndex
CREATE INDEX "InspectionPlanItem_itemId_idx" ON "InspectionPlanItem"("itemId");

-- CreateIndex
CREATE INDEX "InspectionScheme_agencyId_requestedAt_id_idx" ON "InspectionScheme"("agencyId", "requestedAt", "id");

-- CreateIndex
CREATE INDEX "InspectionScheme_status_approvalDueAt_idx" ON "InspectionScheme"("status", "approvalDueAt");

-- CreateIndex
CREATE INDEX "InspectionSchemeItem_itemId_idx" ON "InspectionSchemeItem"("itemId");

-- CreateIndex
CREATE INDEX "InspectionFiling_agencyId_filedAt_id_idx" ON "InspectionFiling"("agencyId", "filedAt", "id");

-- CreateIndex
CREATE INDEX "InspectionFiling_enterpriseId_plannedFrom_idx" ON "InspectionFiling"("enterpriseId", "plannedFrom");

-- CreateIndex
CREATE INDEX "InspectionFiling_jointInspectionId_idx" ON "InspectionFiling"("jointInspectionId");

-- CreateIndex
CREATE INDEX "InspectionFiling_schemeId_idx" ON "InspectionFiling"("schemeId");

-- CreateIndex
CREATE INDEX "InspectionFilingItem_itemId_idx" ON "InspectionFilingItem"("itemId");

-- CreateIndex
CREATE INDEX "InspectionFilingOfficer_personId_idx" ON "InspectionFilingOfficer"("personId");

-- CreateIndex
CREATE INDEX "JointInspection_enterpriseId_windowFrom_idx" ON "JointInspection"("enterpriseId", "windowFrom");

-- CreateIndex
CREATE INDEX "JointInspection_leadAgencyId_createdAt_id_idx" ON "JointInspection"("leadAgencyId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "InspectionObserver_filingId_idx" ON "InspectionObserver"("filingId");

-- CreateIndex
CREATE INDEX "InspectionObserver_jointInspectionId_idx" ON "InspectionObserver"("jointInspectionId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionObserver_personId_filingId_key" ON "InspectionObserver"("personId", "filingId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionObserver_personId_jointInspectionId_key" ON "InspectionObserver"("personId", "jointInspectionId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionVisit_caseId_key" ON "InspectionVisit"("caseId");

-- CreateIndex
CREATE INDEX "InspectionVisit_agencyId_visitedAt_id_idx" ON "InspectionVisit"("agencyId", "visitedAt", "id");

-- CreateIndex
CREATE INDEX "InspectionVisit_enterpriseId_visitedAt_id_idx" ON "InspectionVisit"("enterpriseId", "visitedAt", "id");

-- CreateIndex
CREATE INDEX "InspectionVisit_filingId_idx" ON "InspectionVisit"("filingId");

-- CreateIndex
CREATE INDEX "InspectionVisit_jointInspectionId_idx" ON "InspectionVisit"("jointInspectionId");

-- CreateIndex
CREATE INDEX "InspectionVisitOfficer_personId_idx" ON "InspectionVisitOfficer"("personId");

-- CreateIndex
CREATE INDEX "InspectionVisitItem_enterpriseId_agencyId_itemId_visitedAt_idx" ON "InspectionVisitItem"("enterpriseId", "agencyId", "itemId", "visitedAt");

-- CreateIndex
CREATE INDEX "InspectionVisitItem_itemId_idx" ON "InspectionVisitItem"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionRating_visitId_key" ON "InspectionRating"("visitId");

-- CreateIndex
CREATE INDEX "InspectionRating_agencyId_ratedAt_idx" ON "InspectionRating"("agencyId", "ratedAt");

-- CreateIndex
CREATE INDEX "InspectionRating_enterpriseId_idx" ON "InspectionRating"("enterpriseId");

-- CreateIndex
CREATE INDEX "InspectionDraw_agencyId_drawnAt_id_idx" ON "InspectionDraw"("agencyId", "drawnAt", "id");

-- CreateIndex
CREATE INDEX "InspectionDraw_publishedAt_id_idx" ON "InspectionDraw"("publishedAt", "id");

-- CreateIndex
CREATE INDEX "InspectionDrawEnterprise_enterpriseId_idx" ON "InspectionDrawEnterprise"("enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionDrawEnterprise_drawId_enterpriseId_key" ON "InspectionDrawEnterprise"("drawId", "enterpriseId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionWarning_dedupeKey_key" ON "InspectionWarning"("dedupeKey");

-- CreateIndex
CREATE INDEX "InspectionWarning_rule_status_raisedAt_id_idx" ON "InspectionWarning"("rule", "status", "raisedAt", "id");

-- CreateIndex
CREATE INDEX "InspectionWarning_agencyId_raisedAt_id_idx" ON "InspectionWarning"("agencyId", "raisedAt", "id");

-- CreateIndex
CREATE INDEX "InspectionWarning_enterpriseId_raisedAt_id_idx" ON "InspectionWarning"("enterpriseId", "raisedAt", "id");

-- CreateIndex
CREATE INDEX "InspectionWarningStep_warningId_at_idx" ON "InspectionWarningStep"("warningId", "at");

-- AddForeignKey
ALTER TABLE "InspectionItem" ADD CONSTRAINT "InspectionItem_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionItemMatter" ADD CONSTRAINT "InspectionItemMatter_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InspectionItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionItemMatter" ADD CONSTRAINT "InspectionItemMatter_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "EnforcementMatter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionPlan" ADD CONSTRAINT "InspectionPlan_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionPlanItem" ADD CONSTRAINT "InspectionPlanItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "InspectionPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionPlanItem" ADD CONSTRAINT "InspectionPlanItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InspectionItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionScheme" ADD CONSTRAINT "InspectionScheme_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionScheme" ADD CONSTRAINT "InspectionScheme_planId_fkey" FOREIGN KEY ("planId") REFERENCES "InspectionPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionSchemeItem" ADD CONSTRAINT "InspectionSchemeItem_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "InspectionScheme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionSchemeItem" ADD CONSTRAINT "InspectionSchemeItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InspectionItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionFiling" ADD CONSTRAINT "InspectionFiling_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionFiling" ADD CONSTRAINT "InspectionFiling_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionFiling" ADD CONSTRAINT "InspectionFiling_schemeId_fkey" FOREIGN KEY ("schemeId") REFERENCES "InspectionScheme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionFiling" ADD CONSTRAINT "InspectionFiling_jointInspectionId_fkey" FOREIGN KEY ("jointInspectionId") REFERENCES "JointInspection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionFilingItem" ADD CONSTRAINT "InspectionFilingItem_filingId_fkey" FOREIGN KEY ("filingId") REFERENCES "InspectionFiling"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionFilingItem" ADD CONSTRAINT "InspectionFilingItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InspectionItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionFilingOfficer" ADD CONSTRAINT "InspectionFilingOfficer_filingId_fkey" FOREIGN KEY ("filingId") REFERENCES "InspectionFiling"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionFilingOfficer" ADD CONSTRAINT "InspectionFilingOfficer_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointInspection" ADD CONSTRAINT "JointInspection_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointInspection" ADD CONSTRAINT "JointInspection_leadAgencyId_fkey" FOREIGN KEY ("leadAgencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionObserver" ADD CONSTRAINT "InspectionObserver_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionObserver" ADD CONSTRAINT "InspectionObserver_filingId_fkey" FOREIGN KEY ("filingId") REFERENCES "InspectionFiling"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionObserver" ADD CONSTRAINT "InspectionObserver_jointInspectionId_fkey" FOREIGN KEY ("jointInspectionId") REFERENCES "JointInspection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionVisit" ADD CONSTRAINT "InspectionVisit_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionVisit" ADD CONSTRAINT "InspectionVisit_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionVisit" ADD CONSTRAINT "InspectionVisit_filingId_fkey" FOREIGN KEY ("filingId") REFERENCES "InspectionFiling"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionVisit" ADD CONSTRAINT "InspectionVisit_jointInspectionId_fkey" FOREIGN KEY ("jointInspectionId") REFERENCES "JointInspection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionVisit" ADD CONSTRAINT "InspectionVisit_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionVisitOfficer" ADD CONSTRAINT "InspectionVisitOfficer_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "InspectionVisit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionVisitOfficer" ADD CONSTRAINT "InspectionVisitOfficer_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionVisitItem" ADD CONSTRAINT "InspectionVisitItem_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "InspectionVisit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionVisitItem" ADD CONSTRAINT "InspectionVisitItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InspectionItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionRating" ADD CONSTRAINT "InspectionRating_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "InspectionVisit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionDraw" ADD CONSTRAINT "InspectionDraw_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionDraw" ADD CONSTRAINT "InspectionDraw_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "EnforcementMatter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionDrawEnterprise" ADD CONSTRAINT "InspectionDrawEnterprise_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "InspectionDraw"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionDrawEnterprise" ADD CONSTRAINT "InspectionDrawEnterprise_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionWarning" ADD CONSTRAINT "InspectionWarning_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionWarning" ADD CONSTRAINT "InspectionWarning_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionWarningStep" ADD CONSTRAINT "InspectionWarningStep_warningId_fkey" FOREIGN KEY ("warningId") REFERENCES "InspectionWarning"("id") ON DELETE CASCADE ON UPDATE CASCADE;

