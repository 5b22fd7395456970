-- CreateEnum
CREATE TYPE "ListKind" AS ENUM ('NON_PENALTY', 'LIGHTER_PENALTY', 'MITIGATED_PENALTY', 'NO_COMPULSORY_MEASURE');

-- CreateEnum
CREATE TYPE "ListStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'REPEALED');

-- CreateTable
CREATE TABLE "ListSeries" (
    "id" SERIAL NOT NULL,
    "kind" "ListKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ListSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnforcementList" (
    "id" SERIAL NOT NULL,
    "kind" "ListKind" NOT NULL,
    "seriesId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "status" "ListStatus" NOT NULL DEFAULT 'DRAFT',
    "validFrom" DATE,
    "validUntil" DATE,
    "publishedAt" TIMESTAMP(3),
    "repealedAt" TIMESTAMP(3),
    "repealReason" TEXT,
    "supersededAt" TIMESTAMP(3),
    "previousVersionId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EnforcementList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ListItem" (
    "id" SERIAL NOT NULL,
    "listId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "discretionLevel" TEXT,
    "violation" TEXT NOT NULL,
    "violatedProvision" TEXT NOT NULL,
    "penaltyProvision" TEXT NOT NULL,
    "applicableConditions" TEXT NOT NULL,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ListItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EnforcementList_previousVersionId_key" ON "EnforcementList"("previousVersionId");

-- CreateIndex
CREATE INDEX "EnforcementList_kind_status_domain_idx" ON "EnforcementList"("kind", "status", "domain");

-- CreateIndex
CREATE INDEX "EnforcementList_agencyId_kind_idx" ON "EnforcementList"("agencyId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "EnforcementList_seriesId_version_key" ON "EnforcementList"("seriesId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ListItem_listId_seq_key" ON "ListItem"("listId", "seq");

-- AddForeignKey
ALTER TABLE "EnforcementList" ADD CONSTRAINT "EnforcementList_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "ListSeries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnforcementList" ADD CONSTRAINT "EnforcementList_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnforcementList" ADD CONSTRAINT "EnforcementList_previousVersionId_fkey" FOREIGN KEY ("previousVersionId") REFERENCES "EnforcementList"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListItem" ADD CONSTRAINT "ListItem_listId_fkey" FOREIGN KEY ("listId") REFERENCES "EnforcementList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

