-- AlterTable: the repository's health as the server last saw it (when it asked, and why it could not use it).
ALTER TABLE "Project" ADD COLUMN     "repoCheckedAt" TIMESTAMP(3),
ADD COLUMN     "repoProblem" TEXT;
