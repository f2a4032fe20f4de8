-- AlterTable
ALTER TABLE "Spec" ADD COLUMN     "sourceKey" TEXT;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "localId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Spec_projectId_sourceKey_key" ON "Spec"("projectId", "sourceKey");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_projectId_localId_key" ON "Ticket"("projectId", "localId");
