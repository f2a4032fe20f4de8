-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "repoUrlSetById" TEXT;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_repoUrlSetById_fkey" FOREIGN KEY ("repoUrlSetById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Until now only the creator could have set it.
UPDATE "Project" SET "repoUrlSetById" = "createdById" WHERE "repoUrl" IS NOT NULL;
