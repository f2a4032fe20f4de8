-- AlterTable: the commit of the default branch a spec was explored at, fetched by the server into its mirror.
ALTER TABLE "Spec" ADD COLUMN     "baseCommit" TEXT;
