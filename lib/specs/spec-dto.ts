import type { Spec } from "@/lib/generated/prisma/client";
import type { SpecDto } from "@/lib/specs/spec-schemas";

export function toSpecDto(spec: Spec): SpecDto {
  return {
    id: spec.id,
    projectId: spec.projectId,
    userId: spec.userId,
    title: spec.title,
    description: spec.description,
    generationStatus: spec.generationStatus,
    currentPhase: spec.currentPhase,
    executionStatus: spec.executionStatus,
    approvalMode: spec.approvalMode,
    reviewMode: spec.reviewMode,
    number: spec.number,
    branch: spec.branch,
    prUrl: spec.prUrl,
    progress: spec.progress,
    lastError: spec.lastError,
    costUsd: Number(spec.costUsd),
    tokensIn: spec.tokensIn,
    tokensOut: spec.tokensOut,
    respawnCount: spec.respawnCount,
    startedAt: spec.startedAt?.toISOString() ?? null,
    completedAt: spec.completedAt?.toISOString() ?? null,
    createdAt: spec.createdAt.toISOString(),
    updatedAt: spec.updatedAt.toISOString(),
  };
}
