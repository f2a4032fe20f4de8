-- Integrated delivery: a spec branch per spec, a Review column, review comments, and the integration state of tasks.
ALTER TYPE "TicketStatus" ADD VALUE 'review' BEFORE 'done';

CREATE TYPE "ReviewMode" AS ENUM ('auto', 'manual');
CREATE TYPE "IntegrationStatus" AS ENUM ('review', 'queued', 'integrating', 'integrated');
ALTER TYPE "SandboxPurpose" ADD VALUE 'integration';
CREATE TYPE "ReviewCommentStatus" AS ENUM ('open', 'addressed');
CREATE TYPE "DiffSide" AS ENUM ('old', 'new');

ALTER TABLE "Project" ADD COLUMN "reviewMode" "ReviewMode" NOT NULL DEFAULT 'auto',
  ADD COLUMN "specSeq" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Spec" ADD COLUMN "reviewMode" "ReviewMode" NOT NULL DEFAULT 'auto',
  ADD COLUMN "number" INTEGER,
  ADD COLUMN "branch" TEXT,
  ADD COLUMN "branchBaseCommit" TEXT,
  ADD COLUMN "branchHead" TEXT,
  ADD COLUMN "testedHead" TEXT,
  ADD COLUMN "prNumber" INTEGER,
  ADD COLUMN "prUrl" TEXT;

-- Existing specs are numbered in creation order within their project, and projects continue from there.
UPDATE "Spec" s SET "number" = n.rn
FROM (SELECT id, row_number() OVER (PARTITION BY "projectId" ORDER BY "createdAt", id) AS rn FROM "Spec") n
WHERE s.id = n.id;
UPDATE "Project" p SET "specSeq" = c.max FROM (SELECT "projectId", max("number") AS max FROM "Spec" GROUP BY "projectId") c WHERE p.id = c."projectId";
CREATE UNIQUE INDEX "Spec_projectId_number_key" ON "Spec"("projectId", "number");

ALTER TABLE "Task" ADD COLUMN "integration" "IntegrationStatus",
  ADD COLUMN "deliveredSha" TEXT,
  ADD COLUMN "baseSha" TEXT,
  ADD COLUMN "integratedSha" TEXT,
  ADD COLUMN "feedback" TEXT;

CREATE TABLE "ReviewComment" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "authorId" TEXT,
    "path" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "side" "DiffSide" NOT NULL DEFAULT 'new',
    "body" TEXT NOT NULL,
    "commitSha" TEXT NOT NULL,
    "status" "ReviewCommentStatus" NOT NULL DEFAULT 'open',
    "addressedSha" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ReviewComment_ticketId_createdAt_idx" ON "ReviewComment"("ticketId", "createdAt");
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
