-- AlterTable
ALTER TABLE "LlmUsage" ADD COLUMN     "unpriced" BOOLEAN NOT NULL DEFAULT false;
