-- CreateEnum
CREATE TYPE "MeasurePartySignature" AS ENUM ('SIGNED', 'REFUSED', 'ABSENT');

-- AlterTable
ALTER TABLE "CompulsoryMeasure" ADD COLUMN     "lapseNotifiedAt" TIMESTAMP(3),
ADD COLUMN     "partyRefusalNote" TEXT,
ADD COLUMN     "partySignature" "MeasurePartySignature",
ADD COLUMN     "siteRecord" TEXT,
ADD COLUMN     "witness" TEXT;


-- A measure awaiting approval has not been taken, so no decision (查封、扣押决定书 / 冻结通知书) has been served on
-- the party yet (行政强制法 第18条, 第24条: served on the spot when taken). Until now the API demanded a notice with
-- every request; what was entered on a request still awaiting approval is cleared, and recorded with the 现场笔录
-- when the approved measure is taken (recordCompulsoryMeasureOnSite). Decided rows (REFUSED, IN_FORCE, RELEASED)
-- keep what they recorded.
UPDATE "CompulsoryMeasure" SET "noticeDocumentNumber" = NULL, "noticeServedOn" = NULL WHERE "status" = 'REQUESTED';
