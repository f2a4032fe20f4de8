-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('owner', 'admin', 'member');

-- CreateEnum
CREATE TYPE "ApprovalMode" AS ENUM ('auto', 'manual');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "SpecGenerationStatus" AS ENUM ('draft', 'running', 'awaiting_approval', 'failed', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "SpecPhase" AS ENUM ('explore', 'requirements', 'design', 'tasks', 'sync', 'complete');

-- CreateEnum
CREATE TYPE "SpecExecutionStatus" AS ENUM ('not_started', 'running', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "PhaseRunStatus" AS ENUM ('running', 'passed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "EarsType" AS ENUM ('ubiquitous', 'event_driven', 'state_driven', 'unwanted', 'optional', 'complex');

-- CreateEnum
CREATE TYPE "SpecTaskStatus" AS ENUM ('pending', 'in_progress', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('backlog', 'analyzing', 'building', 'testing', 'done');

-- CreateEnum
CREATE TYPE "TicketApproval" AS ENUM ('not_required', 'pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "TaskKind" AS ENUM ('implement', 'quick');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "SandboxProvider" AS ENUM ('local', 'daytona');

-- CreateEnum
CREATE TYPE "SandboxPurpose" AS ENUM ('spec', 'task');

-- CreateEnum
CREATE TYPE "SandboxStatus" AS ENUM ('creating', 'running', 'stopped', 'lost', 'failed');

-- CreateEnum
CREATE TYPE "EventSource" AS ENUM ('agent', 'worker', 'system');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "githubId" TEXT,
    "image" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstFailureAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "personal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "MembershipRole" NOT NULL DEFAULT 'member',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "createdById" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "repoUrl" TEXT,
    "defaultBranch" TEXT NOT NULL DEFAULT 'main',
    "testCommand" TEXT,
    "approvalMode" "ApprovalMode" NOT NULL DEFAULT 'auto',
    "autoExecuteTickets" BOOLEAN NOT NULL DEFAULT true,
    "maxConcurrentTasks" INTEGER NOT NULL DEFAULT 3,
    "budgetUsd" DECIMAL(12,4),
    "wipLimits" JSONB,
    "ticketPrefix" TEXT NOT NULL DEFAULT 'OMOI',
    "ticketSeq" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Spec" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "generationStatus" "SpecGenerationStatus" NOT NULL DEFAULT 'draft',
    "currentPhase" "SpecPhase" NOT NULL DEFAULT 'explore',
    "executionStatus" "SpecExecutionStatus" NOT NULL DEFAULT 'not_started',
    "approvalMode" "ApprovalMode" NOT NULL DEFAULT 'auto',
    "autoExecute" BOOLEAN NOT NULL DEFAULT true,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "requirementsApprovedAt" TIMESTAMP(3),
    "designApprovedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "budgetUsd" DECIMAL(12,4),
    "costUsd" DECIMAL(14,6) NOT NULL DEFAULT 0,
    "tokensIn" INTEGER NOT NULL DEFAULT 0,
    "tokensOut" INTEGER NOT NULL DEFAULT 0,
    "cacheReadTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
    "respawnCount" INTEGER NOT NULL DEFAULT 0,
    "syncPlan" JSONB,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Spec_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhaseRun" (
    "id" TEXT NOT NULL,
    "specId" TEXT NOT NULL,
    "phase" "SpecPhase" NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status" "PhaseRunStatus" NOT NULL DEFAULT 'running',
    "score" DOUBLE PRECISION,
    "issues" JSONB NOT NULL DEFAULT '[]',
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "subScores" JSONB,
    "output" JSONB,
    "feedback" TEXT,
    "tokensIn" INTEGER NOT NULL DEFAULT 0,
    "tokensOut" INTEGER NOT NULL DEFAULT 0,
    "cacheReadTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(14,6) NOT NULL DEFAULT 0,
    "durationMs" INTEGER,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "PhaseRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpecRequirement" (
    "id" TEXT NOT NULL,
    "specId" TEXT NOT NULL,
    "localId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "earsType" "EarsType" NOT NULL,
    "condition" TEXT,
    "action" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "priority" "Priority" NOT NULL DEFAULT 'MEDIUM',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpecRequirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpecAcceptanceCriterion" (
    "id" TEXT NOT NULL,
    "requirementId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "met" BOOLEAN NOT NULL DEFAULT false,
    "evidence" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpecAcceptanceCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpecDesign" (
    "id" TEXT NOT NULL,
    "specId" TEXT NOT NULL,
    "architecture" TEXT NOT NULL,
    "components" JSONB NOT NULL DEFAULT '[]',
    "dataModels" JSONB NOT NULL DEFAULT '[]',
    "apiEndpoints" JSONB NOT NULL DEFAULT '[]',
    "errorHandling" TEXT,
    "testingStrategy" TEXT,
    "securityNotes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpecDesign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpecTask" (
    "id" TEXT NOT NULL,
    "specId" TEXT NOT NULL,
    "localId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "priority" "Priority" NOT NULL DEFAULT 'MEDIUM',
    "estimateHours" DOUBLE PRECISION,
    "status" "SpecTaskStatus" NOT NULL DEFAULT 'pending',
    "requirementRefs" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "acceptanceCriteria" JSONB NOT NULL DEFAULT '[]',
    "wave" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpecTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpecTaskDependency" (
    "taskId" TEXT NOT NULL,
    "dependsOnId" TEXT NOT NULL,

    CONSTRAINT "SpecTaskDependency_pkey" PRIMARY KEY ("taskId","dependsOnId")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "specId" TEXT,
    "specTaskId" TEXT,
    "key" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "TicketStatus" NOT NULL DEFAULT 'backlog',
    "isBlocked" BOOLEAN NOT NULL DEFAULT false,
    "blockedReason" TEXT,
    "priority" "Priority" NOT NULL DEFAULT 'MEDIUM',
    "position" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "approval" "TicketApproval" NOT NULL DEFAULT 'not_required',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketDependency" (
    "ticketId" TEXT NOT NULL,
    "dependsOnId" TEXT NOT NULL,

    CONSTRAINT "TicketDependency_pkey" PRIMARY KEY ("ticketId","dependsOnId")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "specTaskId" TEXT,
    "kind" "TaskKind" NOT NULL DEFAULT 'implement',
    "status" "TaskStatus" NOT NULL DEFAULT 'pending',
    "executionConfig" JSONB NOT NULL DEFAULT '{}',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "runRequested" BOOLEAN NOT NULL DEFAULT false,
    "sandboxId" TEXT,
    "branch" TEXT,
    "prUrl" TEXT,
    "result" JSONB,
    "error" TEXT,
    "costUsd" DECIMAL(14,6) NOT NULL DEFAULT 0,
    "queuedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sandbox" (
    "id" TEXT NOT NULL,
    "provider" "SandboxProvider" NOT NULL DEFAULT 'local',
    "externalId" TEXT,
    "purpose" "SandboxPurpose" NOT NULL,
    "specId" TEXT,
    "taskId" TEXT,
    "status" "SandboxStatus" NOT NULL DEFAULT 'creating',
    "startPhase" "SpecPhase",
    "tokenHash" TEXT,
    "tokenExpiresAt" TIMESTAMP(3),
    "tokenRevokedAt" TIMESTAMP(3),
    "workspacePath" TEXT,
    "logPath" TEXT,
    "exitCode" INTEGER,
    "error" TEXT,
    "lastHeartbeatAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Sandbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxEvent" (
    "id" TEXT NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "sandboxId" TEXT,
    "specId" TEXT,
    "taskId" TEXT,
    "type" TEXT NOT NULL,
    "source" "EventSource" NOT NULL DEFAULT 'agent',
    "data" JSONB NOT NULL DEFAULT '{}',
    "clientEventId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LlmUsage" (
    "id" TEXT NOT NULL,
    "sandboxId" TEXT,
    "specId" TEXT,
    "taskId" TEXT,
    "phase" "SpecPhase",
    "model" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheReadTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheWriteTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DECIMAL(14,6) NOT NULL DEFAULT 0,
    "durationMs" INTEGER,
    "status" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LlmUsage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_githubId_key" ON "User"("githubId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_orgId_userId_key" ON "Membership"("orgId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_userId_idx" ON "ApiKey"("userId");

-- CreateIndex
CREATE INDEX "Project_orgId_createdAt_idx" ON "Project"("orgId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Project_orgId_name_key" ON "Project"("orgId", "name");

-- CreateIndex
CREATE INDEX "Spec_projectId_createdAt_idx" ON "Spec"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "Spec_userId_idx" ON "Spec"("userId");

-- CreateIndex
CREATE INDEX "Spec_generationStatus_idx" ON "Spec"("generationStatus");

-- CreateIndex
CREATE INDEX "PhaseRun_specId_phase_status_idx" ON "PhaseRun"("specId", "phase", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PhaseRun_specId_phase_attempt_key" ON "PhaseRun"("specId", "phase", "attempt");

-- CreateIndex
CREATE UNIQUE INDEX "SpecRequirement_specId_localId_key" ON "SpecRequirement"("specId", "localId");

-- CreateIndex
CREATE INDEX "SpecAcceptanceCriterion_requirementId_idx" ON "SpecAcceptanceCriterion"("requirementId");

-- CreateIndex
CREATE UNIQUE INDEX "SpecDesign_specId_key" ON "SpecDesign"("specId");

-- CreateIndex
CREATE UNIQUE INDEX "SpecTask_specId_localId_key" ON "SpecTask"("specId", "localId");

-- CreateIndex
CREATE INDEX "SpecTaskDependency_dependsOnId_idx" ON "SpecTaskDependency"("dependsOnId");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_specTaskId_key" ON "Ticket"("specTaskId");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_key_key" ON "Ticket"("key");

-- CreateIndex
CREATE INDEX "Ticket_projectId_status_position_idx" ON "Ticket"("projectId", "status", "position");

-- CreateIndex
CREATE INDEX "Ticket_specId_idx" ON "Ticket"("specId");

-- CreateIndex
CREATE INDEX "Ticket_userId_idx" ON "Ticket"("userId");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_idx" ON "Ticket"("assigneeId");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_projectId_number_key" ON "Ticket"("projectId", "number");

-- CreateIndex
CREATE INDEX "TicketDependency_dependsOnId_idx" ON "TicketDependency"("dependsOnId");

-- CreateIndex
CREATE UNIQUE INDEX "Task_sandboxId_key" ON "Task"("sandboxId");

-- CreateIndex
CREATE INDEX "Task_status_queuedAt_idx" ON "Task"("status", "queuedAt");

-- CreateIndex
CREATE INDEX "Task_ticketId_idx" ON "Task"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "Sandbox_tokenHash_key" ON "Sandbox"("tokenHash");

-- CreateIndex
CREATE INDEX "Sandbox_status_lastHeartbeatAt_idx" ON "Sandbox"("status", "lastHeartbeatAt");

-- CreateIndex
CREATE INDEX "Sandbox_specId_idx" ON "Sandbox"("specId");

-- CreateIndex
CREATE INDEX "Sandbox_taskId_idx" ON "Sandbox"("taskId");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxEvent_seq_key" ON "SandboxEvent"("seq");

-- CreateIndex
CREATE INDEX "SandboxEvent_specId_seq_idx" ON "SandboxEvent"("specId", "seq");

-- CreateIndex
CREATE INDEX "SandboxEvent_sandboxId_seq_idx" ON "SandboxEvent"("sandboxId", "seq");

-- CreateIndex
CREATE INDEX "SandboxEvent_taskId_seq_idx" ON "SandboxEvent"("taskId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxEvent_sandboxId_clientEventId_key" ON "SandboxEvent"("sandboxId", "clientEventId");

-- CreateIndex
CREATE INDEX "LlmUsage_specId_createdAt_idx" ON "LlmUsage"("specId", "createdAt");

-- CreateIndex
CREATE INDEX "LlmUsage_taskId_idx" ON "LlmUsage"("taskId");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Spec" ADD CONSTRAINT "Spec_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Spec" ADD CONSTRAINT "Spec_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhaseRun" ADD CONSTRAINT "PhaseRun_specId_fkey" FOREIGN KEY ("specId") REFERENCES "Spec"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecRequirement" ADD CONSTRAINT "SpecRequirement_specId_fkey" FOREIGN KEY ("specId") REFERENCES "Spec"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecAcceptanceCriterion" ADD CONSTRAINT "SpecAcceptanceCriterion_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "SpecRequirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecDesign" ADD CONSTRAINT "SpecDesign_specId_fkey" FOREIGN KEY ("specId") REFERENCES "Spec"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecTask" ADD CONSTRAINT "SpecTask_specId_fkey" FOREIGN KEY ("specId") REFERENCES "Spec"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecTaskDependency" ADD CONSTRAINT "SpecTaskDependency_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "SpecTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecTaskDependency" ADD CONSTRAINT "SpecTaskDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "SpecTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_specId_fkey" FOREIGN KEY ("specId") REFERENCES "Spec"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_specTaskId_fkey" FOREIGN KEY ("specTaskId") REFERENCES "SpecTask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketDependency" ADD CONSTRAINT "TicketDependency_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketDependency" ADD CONSTRAINT "TicketDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_specTaskId_fkey" FOREIGN KEY ("specTaskId") REFERENCES "SpecTask"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_sandboxId_fkey" FOREIGN KEY ("sandboxId") REFERENCES "Sandbox"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sandbox" ADD CONSTRAINT "Sandbox_specId_fkey" FOREIGN KEY ("specId") REFERENCES "Spec"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sandbox" ADD CONSTRAINT "Sandbox_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SandboxEvent" ADD CONSTRAINT "SandboxEvent_sandboxId_fkey" FOREIGN KEY ("sandboxId") REFERENCES "Sandbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SandboxEvent" ADD CONSTRAINT "SandboxEvent_specId_fkey" FOREIGN KEY ("specId") REFERENCES "Spec"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SandboxEvent" ADD CONSTRAINT "SandboxEvent_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmUsage" ADD CONSTRAINT "LlmUsage_sandboxId_fkey" FOREIGN KEY ("sandboxId") REFERENCES "Sandbox"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmUsage" ADD CONSTRAINT "LlmUsage_specId_fkey" FOREIGN KEY ("specId") REFERENCES "Spec"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmUsage" ADD CONSTRAINT "LlmUsage_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;
