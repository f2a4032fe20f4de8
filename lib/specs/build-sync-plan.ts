import type { Prisma } from "@/lib/db/client";
import { analyzeTaskGraph } from "@/lib/specs/task-graph";

export interface SyncPlan {
  /** Requirement → the tasks that implement it. */
  coverage: { requirement: string; title: string; tasks: string[] }[];
  uncovered: string[];
  /** Task → the tasks it waits for. */
  dependencies: Record<string, string[]>;
  waves: string[][];
  criticalPath: string[];
  criticalPathHours: number;
  totalHours: number;
  readyForExecution: boolean;
  computedAt: string;
}

/**
 * SYNC, as code: from the materialized requirements and tasks (never from a model's claims), the coverage matrix,
 * the dependency DAG, its critical path and the waves of work that can run in parallel.
 */
export async function buildSyncPlan(tx: Prisma.TransactionClient, specId: string): Promise<SyncPlan> {
  const requirements = await tx.specRequirement.findMany({ where: { specId }, orderBy: { position: "asc" }, select: { localId: true, title: true } });
  const tasks = await tx.specTask.findMany({
    where: { specId },
    orderBy: { position: "asc" },
    select: { localId: true, estimateHours: true, requirementRefs: true, dependsOn: { select: { dependsOn: { select: { localId: true } } } } },
  });
  const graphTasks = tasks.map((t) => ({ id: t.localId, estimateHours: t.estimateHours ?? 0, dependsOn: t.dependsOn.map((d) => d.dependsOn.localId) }));
  const graph = analyzeTaskGraph(graphTasks);
  const coverage = requirements.map((r) => ({
    requirement: r.localId,
    title: r.title,
    tasks: tasks.filter((t) => t.requirementRefs.includes(r.localId)).map((t) => t.localId),
  }));
  const uncovered = coverage.filter((c) => c.tasks.length === 0).map((c) => c.requirement);
  return {
    coverage,
    uncovered,
    dependencies: Object.fromEntries(graphTasks.map((t) => [t.id, t.dependsOn])),
    waves: graph.waves,
    criticalPath: graph.criticalPath,
    criticalPathHours: graph.criticalPathHours,
    totalHours: graphTasks.reduce((sum, t) => sum + t.estimateHours, 0),
    readyForExecution: tasks.length > 0 && uncovered.length === 0 && graph.cycles.length === 0,
    computedAt: new Date().toISOString(),
  };
}
