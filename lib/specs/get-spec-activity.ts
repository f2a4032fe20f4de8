import { db } from "@/lib/db/client";
import { PHASE_MAX_ATTEMPTS } from "@/lib/core/spec-phases";
import type { PhaseRun, Spec } from "@/lib/generated/prisma/client";
import type { SpecActivityDto } from "@/lib/specs/spec-schemas";

export interface GetSpecActivityOptions {
  spec: Pick<Spec, "id" | "branch" | "generationStatus" | "currentPhase">;
}

/**
 * The counts behind the spec page's status line: the planning agent's attempt at its phase, and where each ticket's
 * work stands — agents queued and running, work waiting for review or to be merged, the ticket being merged, and how
 * many are integrated. Three indexed queries at once, so the page can poll it.
 */
export async function getSpecActivity({ spec }: GetSpecActivityOptions): Promise<SpecActivityDto> {
  const isPlanning = spec.generationStatus === "running";
  const [tickets, phaseRuns, planningSandbox] = await Promise.all([
    db.ticket.findMany({
      where: { specId: spec.id },
      select: {
        key: true,
        status: true,
        isBlocked: true,
        tasks: {
          where: {
            OR: [{ status: { in: ["queued", "running"] } }, { status: "completed", integration: { in: ["review", "queued", "integrating", "integrated"] } }],
          },
          select: { status: true, integration: true, completedAt: true },
        },
      },
      orderBy: { number: "asc" },
    }),
    isPlanning ? db.phaseRun.findMany({ where: { specId: spec.id, phase: spec.currentPhase }, select: { status: true, startedAt: true } }) : [],
    isPlanning ? db.sandbox.findFirst({ where: { specId: spec.id, purpose: "spec" }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }) : null,
  ]);

  const build: SpecActivityDto["build"] = { total: tickets.length, integrated: 0, byStatus: {}, blocked: 0, queued: 0, running: 0, inReview: [], awaitingMerge: [], merging: null };
  const waitingToMerge: { key: string; at: number }[] = [];
  for (const ticket of tickets) {
    build.byStatus[ticket.status] = (build.byStatus[ticket.status] ?? 0) + 1;
    if (ticket.isBlocked) build.blocked++;
    // The same rule as the spec's completion (update-spec-execution.ts): with a branch, done means merged into it.
    if (ticket.status === "done" && (!spec.branch || ticket.tasks.some((task) => task.integration === "integrated"))) build.integrated++;
    for (const task of ticket.tasks) {
      if (task.status === "queued") build.queued++;
      else if (task.status === "running") build.running++;
      else if (task.integration === "review") build.inReview.push(ticket.key);
      else if (task.integration === "queued") waitingToMerge.push({ key: ticket.key, at: task.completedAt?.getTime() ?? 0 });
      else if (task.integration === "integrating") build.merging = ticket.key;
    }
  }
  // Merged oldest accepted work first, as integrate-next-task.ts takes it.
  build.awaitingMerge = waitingToMerge.sort((a, b) => a.at - b.at).map((entry) => entry.key);

  return {
    phaseAttempt: isPlanning ? agentAttempt(phaseRuns, planningSandbox?.createdAt ?? null) : null,
    phaseMaxAttempts: PHASE_MAX_ATTEMPTS,
    isPlanning,
    build,
  };
}

/**
 * The agent counts its attempts at a phase from 1 in each sandbox (lib/agent/run-spec-engine.ts) and fails the phase
 * after PHASE_MAX_ATTEMPTS; PhaseRun.attempt numbers every attempt ever made. So the attempt the agent is on is the
 * number of the phase's runs its current sandbox opened — null while none of them runs (the sandbox is starting).
 */
function agentAttempt(runs: readonly Pick<PhaseRun, "status" | "startedAt">[], sandboxCreatedAt: Date | null): number | null {
  const since = sandboxCreatedAt?.getTime() ?? 0;
  const ours = runs.filter((run) => run.startedAt.getTime() >= since);
  return ours.some((run) => run.status === "running") ? ours.length : null;
}
