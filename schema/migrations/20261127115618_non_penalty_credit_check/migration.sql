-- AlterTable
ALTER TABLE "NonPenaltyDecision" ADD COLUMN     "creditSystemChecked" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "creditSystemCheckedOn" DATE;

