import { db } from "@/lib/db/client";
import { toSandboxDto } from "@/lib/specs/sandbox-dto";
import { getSpecForMemberOrThrow } from "@/lib/specs/get-spec-for-member-or-throw";
import { toSpecDto } from "@/lib/specs/spec-dto";
import { WORK_PHASES } from "@/lib/specs/spec-schemas";

/**
 * Everything the spec page shows: the spec, every phase attempt (score, issues, tokens, cost, duration), the
 * materialized requirements with their criteria, the design, the tasks with their dependencies and waves, SYNC's
 * plan, a summary of its tickets, its sandboxes and the cost per phase.
 */
export async function getSpecDetail({ userId, specId }: { userId: string; specId: string }) {
  const spec = await getSpecForMemberOrThrow({ userId, specId });
  const [phaseRuns, requirements, design, tasks, tickets, sandboxes] = await Promise.all([
    db.phaseRun.findMany({ where: { specId }, orderBy: [{ startedAt: "asc" }, { attempt: "asc" }] }),
    db.specRequirement.findMany({ where: { specId }, orderBy: { position: "asc" }, include: { criteria: { orderBy: { position: "asc" } } } }),
    db.specDesign.findUnique({ where: { specId } }),
    db.specTask.findMany({ where: { specId }, orderBy: { position: "asc" }, include: { dependsOn: { select: { dependsOn: { select: { localId: true } } } } } }),
    db.ticket.groupBy({ by: ["status"], where: { specId }, _count: true }),
    db.sandbox.findMany({ where: { specId, purpose: "spec" }, orderBy: { createdAt: "desc" }, take: 10 }),
  ]);
  const costByPhase = WORK_PHASES.map((phase) => {
    const runs = phaseRuns.filter((run) => run.phase === phase);
    return {
      phase,
      attempts: runs.length,
      tokensIn: runs.reduce((sum, run) => sum + run.tokensIn, 0),
      tokensOut: runs.reduce((sum, run) => sum + run.tokensOut, 0),
      cacheReadTokens: runs.reduce((sum, run) => sum + run.cacheReadTokens, 0),
      cacheWriteTokens: runs.reduce((sum, run) => sum + run.cacheWriteTokens, 0),
      costUsd: runs.reduce((sum, run) => sum + Number(run.costUsd), 0),
    };
  });
  return {
    spec: toSpecDto(spec),
    pendingFeedback: spec.pendingFeedback,
    syncPlan: spec.syncPlan,
    phaseRuns: phaseRuns.map((run) => ({
      id: run.id,
      phase: run.phase,
      attempt: run.attempt,
      status: run.status,
      score: run.score,
      subScores: run.subScores,
      issues: run.issues,
      warnings: run.warnings,
      feedback: run.feedback,
      tokensIn: run.tokensIn,
      tokensOut: run.tokensOut,
      cacheReadTokens: run.cacheReadTokens,
      cacheWriteTokens: run.cacheWriteTokens,
      costUsd: Number(run.costUsd),
      durationMs: run.durationMs,
      startedAt: run.startedAt.toISOString(),
      endedAt: run.endedAt?.toISOString() ?? null,
    })),
    requirements: requirements.map((r) => ({
      id: r.id,
      localId: r.localId,
      title: r.title,
      earsType: r.earsType,
      condition: r.condition,
      action: r.action,
      text: r.text,
      priority: r.priority,
      criteria: r.criteria.map((c) => ({ id: c.id, text: c.text, met: c.met, evidence: c.evidence })),
    })),
    design: design && {
      architecture: design.architecture,
      components: design.components,
      dataModels: design.dataModels,
      apiEndpoints: design.apiEndpoints,
      errorHandling: design.errorHandling,
      testingStrategy: design.testingStrategy,
      securityNotes: design.securityNotes,
    },
    tasks: tasks.map((t) => ({
      id: t.id,
      localId: t.localId,
      title: t.title,
      description: t.description,
      priority: t.priority,
      estimateHours: t.estimateHours,
      status: t.status,
      wave: t.wave,
      requirementRefs: t.requirementRefs,
      acceptanceCriteria: t.acceptanceCriteria,
      dependsOn: t.dependsOn.map((d) => d.dependsOn.localId),
    })),
    tickets: { total: tickets.reduce((sum, group) => sum + group._count, 0), byStatus: Object.fromEntries(tickets.map((g) => [g.status, g._count])) },
    sandboxes: sandboxes.map(toSandboxDto),
    costByPhase,
  };
}
export type SpecDetail = Awaited<ReturnType<typeof getSpecDetail>>;
