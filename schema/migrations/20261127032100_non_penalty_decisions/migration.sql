-- CreateTable
CREATE TABLE "NonPenaltyDecision" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "listId" INTEGER NOT NULL,
    "listVersion" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "enterpriseId" INTEGER,
    "domain" TEXT NOT NULL,
    "itemKind" TEXT NOT NULL,
    "facts" JSONB NOT NULL,
    "evaluation" JSONB NOT NULL,
    "correctionContent" TEXT NOT NULL,
    "correctionOrderedOn" DATE NOT NULL,
    "correctionDeadline" DATE NOT NULL,
    "correctedOn" DATE,
    "education" TEXT NOT NULL,
    "fineNotImposedFen" BIGINT,
    "decidedBy" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NonPenaltyDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NonPenaltyDecision_caseId_key" ON "NonPenaltyDecision"("caseId");

-- CreateIndex
CREATE INDEX "NonPenaltyDecision_agencyId_decidedAt_idx" ON "NonPenaltyDecision"("agencyId", "decidedAt");

-- CreateIndex
CREATE INDEX "NonPenaltyDecision_domain_decidedAt_idx" ON "NonPenaltyDecision"("domain", "decidedAt");

-- CreateIndex
CREATE INDEX "NonPenaltyDecision_enterpriseId_id_idx" ON "NonPenaltyDecision"("enterpriseId", "id");

-- CreateIndex
CREATE INDEX "NonPenaltyDecision_itemId_idx" ON "NonPenaltyDecision"("itemId");

-- CreateIndex
CREATE INDEX "NonPenaltyDecision_listId_idx" ON "NonPenaltyDecision"("listId");

-- AddForeignKey
ALTER TABLE "NonPenaltyDecision" ADD CONSTRAINT "NonPenaltyDecision_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NonPenaltyDecision" ADD CONSTRAINT "NonPenaltyDecision_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ListItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NonPenaltyDecision" ADD CONSTRAINT "NonPenaltyDecision_listId_fkey" FOREIGN KEY ("listId") REFERENCES "EnforcementList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NonPenaltyDecision" ADD CONSTRAINT "NonPenaltyDecision_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NonPenaltyDecision" ADD CONSTRAINT "NonPenaltyDecision_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

