import { db } from "@/lib/db/client";
import { exploreOutputSchema } from "@/lib/specs/phases/explore-output";
import { requirementsOutputSchema } from "@/lib/specs/phases/requirements-output";
import { getSpecActivity } from "@/lib/specs/get-spec-activity";
import { toSandboxDto } from "@/lib/specs/sandbox-dto";
import { getSpecForMemberOrThrow } from "@/lib/specs/get-spec-for-member-or-throw";
import { toSpecDto } from "@/lib/specs/spec-dto";
import { WORK_PHASES } from "@/lib/specs/spec-schemas";

/**
 * Everything the spec page shows: the spec, every phase attempt (score, issues, tokens, cost, duration), the
 * materialized requirements with their criteria, the design, the tasks with their dependencies and waves, SYNC's
 * plan, a summary of its tickets, its sandboxes and the cost per phase — and what the page's status line counts
 * (`activity`), and the parts of EXPLORE's and REQUIREMENTS' checkpoints no table holds (what a reviewer approves with).
 */
export async function getSpecDetail({ userId, specId }: { userId: string; specId: string }) {
  const spec = await getSpecForMemberOrThrow({ userId, specId });
  const [phaseRuns, requirements, design, tasks, sandboxes, activity] = await Promise.all([
    db.phaseRun.findMany({ where: { specId }, orderBy: [{ startedAt: "asc" }, { attempt: "asc" }] }),
    db.specRequirement.findMany({ where: { specId }, orderBy: { position: "asc" }, include: { criteria: { orderBy: { position: "asc" } } } }),
    db.specDesign.findUnique({ where: { specId } }),
    db.specTask.findMany({ where: { specId }, orderBy: { position: "asc" }, include: { dependsOn: { select: { dependsOn: { select: { localId: true } } } } } }),
    db.sandbox.findMany({ where: { specId, purpose: "spec" }, orderBy: { createdAt: "desc" }, take: 10 }),
    getSpecActivity({ spec }),
  ]);
  const checkpointOf = (phase: "explore" | "requirements") => phaseRuns.findLast((run) => run.phase === phase && run.status === "passed")?.output;
  // Stored outputs are the server's own parse, so these parse; a row from an older schema shows as absent, not broken.
  const explore = exploreOutputSchema.safeParse(checkpointOf("explore"));
  const requirementsOutput = requirementsOutputSchema.safeParse(checkpointOf("requirements"));
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
    explore: explore.success ? explore.data : null,
    requirementsNotes: requirementsOutput.success ? { assumptions: requirementsOutput.data.assumptions, outOfScope: requirementsOutput.data.outOfScope } : null,
    tickets: { total: activity.build.total, byStatus: activity.build.byStatus },
    activity,
    sandboxes: sandboxes.map(toSandboxDto),
    costByPhase,
  };
}
export type SpecDetail = Awaited<ReturnType<typeof getSpecDetail>>;
