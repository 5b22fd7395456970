-- AlterTable
ALTER TABLE "CompulsoryMeasureCheck" ADD COLUMN     "note" TEXT;

