-- CreateIndex
CREATE INDEX "InspectionRating_ratedAt_idx" ON "InspectionRating"("ratedAt");

-- CreateIndex
CREATE INDEX "InspectionVisit_visitedAt_idx" ON "InspectionVisit"("visitedAt");

-- CreateIndex
CREATE INDEX "InspectionWarning_raisedAt_idx" ON "InspectionWarning"("raisedAt");

