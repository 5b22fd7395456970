-- CreateEnum
CREATE TYPE "SoftMeasureKind" AS ENUM ('REMINDER', 'NOTICE', 'DISSUASION', 'GUIDANCE', 'ADMONITION', 'INTERVIEW', 'COMMITMENT');

-- CreateEnum
CREATE TYPE "SoftMeasureOutcome" AS ENUM ('COMPLIED', 'PARTIAL', 'NOT_COMPLIED');

-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('REQUESTED', 'SCHEDULED', 'VISITED', 'CLOSED', 'DECLINED', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "CompulsoryMeasureCheck" ADD COLUMN     "approvedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SoftMeasure" (
    "id" SERIAL NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "kind" "SoftMeasureKind" NOT NULL,
    "enterpriseId" INTEGER,
    "caseId" INTEGER,
    "matterId" INTEGER,
    "content" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "documentNumber" TEXT,
    "officerId" INTEGER NOT NULL,
    "participants" TEXT[],
    "takenOn" DATE NOT NULL,
    "followUpOn" DATE,
    "outcome" "SoftMeasureOutcome",
    "outcomeNote" TEXT,
    "outcomeRecordedAt" TIMESTAMP(3),
    "outcomeRecordedBy" TEXT,
    "overdueAnnouncedAt" TIMESTAMP(3),
    "followUpCaseId" INTEGER,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SoftMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" SERIAL NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'REQUESTED',
    "topics" TEXT NOT NULL,
    "preferredFrom" DATE NOT NULL,
    "preferredTo" DATE NOT NULL,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "respondedAt" TIMESTAMP(3),
    "scheduledFor" TIMESTAMP(3),
    "scheduledBy" TEXT,
    "declineReason" TEXT,
    "visitedAt" TIMESTAMP(3),
    "findings" TEXT,
    "advice" TEXT,
    "closedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "rating" INTEGER,
    "ratingComment" TEXT,
    "ratedAt" TIMESTAMP(3),

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvitationMatter" (
    "invitationId" INTEGER NOT NULL,
    "matterId" INTEGER NOT NULL,

    CONSTRAINT "InvitationMatter_pkey" PRIMARY KEY ("invitationId","matterId")
);

-- CreateTable
CREATE TABLE "InvitationOfficer" (
    "invitationId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    CONSTRAINT "InvitationOfficer_pkey" PRIMARY KEY ("invitationId","personId")
);

-- CreateTable
CREATE TABLE "InvitationCaseCitation" (
    "id" SERIAL NOT NULL,
    "invitationId" INTEGER NOT NULL,
    "caseId" INTEGER NOT NULL,
    "statement" TEXT NOT NULL,
    "citedBy" TEXT NOT NULL,
    "citedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InvitationCaseCitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SoftMeasure_followUpCaseId_key" ON "SoftMeasure"("followUpCaseId");

-- CreateIndex
CREATE INDEX "SoftMeasure_agencyId_takenOn_id_idx" ON "SoftMeasure"("agencyId", "takenOn", "id");

-- CreateIndex
CREATE INDEX "SoftMeasure_enterpriseId_takenOn_id_idx" ON "SoftMeasure"("enterpriseId", "takenOn", "id");

-- CreateIndex
CREATE INDEX "SoftMeasure_caseId_idx" ON "SoftMeasure"("caseId");

-- CreateIndex
CREATE INDEX "SoftMeasure_kind_takenOn_idx" ON "SoftMeasure"("kind", "takenOn");

-- CreateIndex
CREATE INDEX "SoftMeasure_followUpOn_outcome_idx" ON "SoftMeasure"("followUpOn", "outcome");

-- CreateIndex
CREATE INDEX "Invitation_agencyId_requestedAt_id_idx" ON "Invitation"("agencyId", "requestedAt", "id");

-- CreateIndex
CREATE INDEX "Invitation_enterpriseId_requestedAt_id_idx" ON "Invitation"("enterpriseId", "requestedAt", "id");

-- CreateIndex
CREATE INDEX "Invitation_status_requestedAt_idx" ON "Invitation"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "InvitationMatter_matterId_idx" ON "InvitationMatter"("matterId");

-- CreateIndex
CREATE INDEX "InvitationOfficer_personId_idx" ON "InvitationOfficer"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "InvitationCaseCitation_caseId_key" ON "InvitationCaseCitation"("caseId");

-- CreateIndex
CREATE INDEX "InvitationCaseCitation_invitationId_idx" ON "InvitationCaseCitation"("invitationId");

-- AddForeignKey
ALTER TABLE "SoftMeasure" ADD CONSTRAINT "SoftMeasure_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoftMeasure" ADD CONSTRAINT "SoftMeasure_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoftMeasure" ADD CONSTRAINT "SoftMeasure_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoftMeasure" ADD CONSTRAINT "SoftMeasure_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "EnforcementMatter"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoftMeasure" ADD CONSTRAINT "SoftMeasure_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SoftMeasure" ADD CONSTRAINT "SoftMeasure_followUpCaseId_fkey" FOREIGN KEY ("followUpCaseId") REFERENCES "EnforcementCase"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvitationMatter" ADD CONSTRAINT "InvitationMatter_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvitationMatter" ADD CONSTRAINT "InvitationMatter_matterId_fkey" FOREIGN KEY ("matterId") REFERENCES "EnforcementMatter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvitationOfficer" ADD CONSTRAINT "InvitationOfficer_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvitationOfficer" ADD CONSTRAINT "InvitationOfficer_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvitationCaseCitation" ADD CONSTRAINT "InvitationCaseCitation_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvitationCaseCitation" ADD CONSTRAINT "InvitationCaseCitation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

