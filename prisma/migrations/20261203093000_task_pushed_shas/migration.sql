-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "pushedShas" TEXT[] DEFAULT ARRAY[]::TEXT[];
