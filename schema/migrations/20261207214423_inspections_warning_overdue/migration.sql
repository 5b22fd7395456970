-- AlterTable
ALTER TABLE "InspectionWarning" ADD COLUMN     "overdueAnnouncedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "InspectionWarning_status_dueAt_idx" ON "InspectionWarning"("status", "dueAt");

