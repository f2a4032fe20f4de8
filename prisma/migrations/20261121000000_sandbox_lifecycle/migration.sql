-- AlterTable
ALTER TABLE "Sandbox" ADD COLUMN     "destroyedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Sandbox_endedAt_destroyedAt_idx" ON "Sandbox"("endedAt", "destroyedAt");

-- At most one live sandbox per spec: a second spawn of the same spec (two workers racing, a re-spawn while the
-- old one is still winding down) fails here instead of running two agents on one spec. Prisma cannot express a
-- partial unique index; it lives only in SQL.
CREATE UNIQUE INDEX "Sandbox_one_live_per_spec" ON "Sandbox"("specId") WHERE "purpose" = 'spec' AND "status" IN ('creating', 'running');
