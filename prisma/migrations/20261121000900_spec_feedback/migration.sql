-- AlterEnum
ALTER TYPE "PhaseRunStatus" ADD VALUE 'superseded';

-- AlterTable
ALTER TABLE "Spec" ADD COLUMN     "pendingFeedback" JSONB;
