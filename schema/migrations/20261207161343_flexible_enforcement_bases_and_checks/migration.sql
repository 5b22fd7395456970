-- CreateEnum
CREATE TYPE "MitigationCircumstance" AS ENUM ('ELIMINATED_HARM', 'COERCED', 'CONFESSED', 'MERITORIOUS', 'OTHER_STATUTORY');

-- CreateEnum
CREATE TYPE "CompulsoryGuardOutcome" AS ENUM ('WAIVED', 'JUSTIFIED', 'REFUSED');

-- CreateTable
CREATE TABLE "FlexibleDecisionBasis" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,
    "listId" INTEGER NOT NULL,
    "listVersion" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "circumstance" "MitigationCircumstance" NOT NULL,
    "exclusionsAbsent" BOOLEAN NOT NULL,
    "fineFen" BIGINT,
    "matterMaxFineFen" BIGINT,
    "fineNotImposedFen" BIGINT,
    "decidedBy" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlexibleDecisionBasis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompulsoryMeasureCheck" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "measureId" INTEGER,
    "measureKind" "CompulsoryMeasureKind" NOT NULL,
    "itemId" INTEGER NOT NULL,
    "listId" INTEGER NOT NULL,
    "listVersion" INTEGER NOT NULL,
    "outcome" "CompulsoryGuardOutcome" NOT NULL,
    "justification" TEXT,
    "approvedBy" TEXT,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CompulsoryMeasureCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FlexibleDecisionBasis_caseId_key" ON "FlexibleDecisionBasis"("caseId");

-- CreateIndex
CREATE INDEX "FlexibleDecisionBasis_agencyId_decidedAt_idx" ON "FlexibleDecisionBasis"("agencyId", "decidedAt");

-- CreateIndex
CREATE INDEX "FlexibleDecisionBasis_domain_decidedAt_idx" ON "FlexibleDecisionBasis"("domain", "decidedAt");

-- CreateIndex
CREATE INDEX "FlexibleDecisionBasis_itemId_idx" ON "FlexibleDecisionBasis"("itemId");

-- CreateIndex
CREATE INDEX "FlexibleDecisionBasis_listId_idx" ON "FlexibleDecisionBasis"("listId");

-- CreateIndex
CREATE UNIQUE INDEX "CompulsoryMeasureCheck_measureId_key" ON "CompulsoryMeasureCheck"("measureId");

-- CreateIndex
CREATE INDEX "CompulsoryMeasureCheck_caseId_idx" ON "CompulsoryMeasureCheck"("caseId");

-- CreateIndex
CREATE INDEX "CompulsoryMeasureCheck_agencyId_recordedAt_idx" ON "CompulsoryMeasureCheck"("agencyId", "recordedAt");

-- CreateIndex
CREATE INDEX "CompulsoryMeasureCheck_itemId_idx" ON "CompulsoryMeasureCheck"("itemId");

-- AddForeignKey
ALTER TABLE "FlexibleDecisionBasis" ADD CONSTRAINT "FlexibleDecisionBasis_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlexibleDecisionBasis" ADD CONSTRAINT "FlexibleDecisionBasis_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlexibleDecisionBasis" ADD CONSTRAINT "FlexibleDecisionBasis_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ListItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlexibleDecisionBasis" ADD CONSTRAINT "FlexibleDecisionBasis_listId_fkey" FOREIGN KEY ("listId") REFERENCES "EnforcementList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompulsoryMeasureCheck" ADD CONSTRAINT "CompulsoryMeasureCheck_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompulsoryMeasureCheck" ADD CONSTRAINT "CompulsoryMeasureCheck_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompulsoryMeasureCheck" ADD CONSTRAINT "CompulsoryMeasureCheck_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "CompulsoryMeasure"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompulsoryMeasureCheck" ADD CONSTRAINT "CompulsoryMeasureCheck_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ListItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

