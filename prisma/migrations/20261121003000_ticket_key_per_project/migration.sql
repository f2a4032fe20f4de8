-- DropIndex
DROP INDEX "Ticket_key_key";

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_projectId_key_key" ON "Ticket"("projectId", "key");
