-- AlterTable
ALTER TABLE "LlmUsage" ADD COLUMN     "endpoint" TEXT NOT NULL DEFAULT 'messages';

-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN     "countTokensCalls" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "countTokensWindowAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "OrgDailyUsage" (
    "orgId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "costUsd" DECIMAL(14,6) NOT NULL DEFAULT 0,
    "calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrgDailyUsage_pkey" PRIMARY KEY ("orgId","day")
);

-- AddForeignKey
ALTER TABLE "OrgDailyUsage" ADD CONSTRAINT "OrgDailyUsage_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Today's spend so far (rows since midnight by the database's clock, which wrote them) counts against the daily cap
-- from the first call after the upgrade.
INSERT INTO "OrgDailyUsage" ("orgId", "day", "costUsd", "calls")
SELECT p."orgId", (now() AT TIME ZONE 'UTC')::date, SUM(u."costUsd"), COUNT(*)
FROM "LlmUsage" u
LEFT JOIN "Spec" s ON s.id = u."specId"
LEFT JOIN "Task" t ON t.id = u."taskId"
LEFT JOIN "Ticket" k ON k.id = t."ticketId"
JOIN "Project" p ON p.id = COALESCE(s."projectId", k."projectId")
WHERE u."createdAt" >= date_trunc('day', localtimestamp)
GROUP BY p."orgId";
