import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { endOfColumn } from "@/lib/projects/end-of-column";
import { markSandboxLost } from "@/lib/sandbox/mark-sandbox-lost";
import { getSpecForMemberOrThrow } from "@/lib/specs/get-spec-for-member-or-throw";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { StoppedSpecAgentsDto } from "@/lib/specs/spec-schemas";
import { cancelSpecState, lockSpec } from "@/lib/specs/spec-state";

/**
 * "Stop all agents" on a spec: its planning is cancelled if it runs (as cancel-spec.ts does), and every queued or
 * running task of its tickets is cancelled, each ticket back to the backlog (as cancel-ticket.ts does for one) — all
 * in one transaction, then the agents' sandboxes are stopped. 409 when nothing of the spec runs, before any write.
 * Work already accepted (waiting for review or being merged) is no agent's and is left alone.
 */
export async function stopSpecAgents({ userId, specId }: { userId: string; specId: string }): Promise<StoppedSpecAgentsDto> {
  await getSpecForMemberOrThrow({ userId, specId });
  const stopped = await db.$transaction(async (tx) => {
    // The dispatcher's lock: no queued task of this spec is claimed (given a sandbox) between our read and our cancel,
    // so every sandbox started for it is one we see and stop.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('omoi-dispatch', 0))`;
    const tasks = await tx.task.findMany({
      where: { status: { in: ["queued", "running"] }, ticket: { specId } },
      select: { id: true, status: true, sandboxId: true, ticket: { select: { id: true, key: true, status: true, projectId: true } } },
      orderBy: { ticket: { number: "asc" } },
    });
    // Tasks first and the spec last, the order recover-task.ts locks them in, so the two cannot deadlock.
    const now = new Date();
    if (tasks.length > 0) {
      // Cancelled first, so the sandboxes' end does not put the tasks back in the queue.
      await tx.task.updateMany({ where: { id: { in: tasks.map((task) => task.id) } }, data: { status: "cancelled", completedAt: now, sandboxId: null } });
    }
    for (const { ticket } of tasks) {
      if (ticket.status === "done") continue;
      await tx.ticket.update({ where: { id: ticket.id }, data: { status: "backlog", position: await endOfColumn(ticket.projectId, "backlog", tx) } });
    }
    const spec = await lockSpec(tx, specId);
    const planning = spec.generationStatus === "running";
    if (!planning && tasks.length === 0) throw new AppError("conflict", "No agent of this spec is running");
    if (planning) {
      await cancelSpecState(tx, specId);
      await tx.phaseRun.updateMany({ where: { specId, status: "running" }, data: { status: "cancelled", endedAt: now } });
    }
    return { planning, tasks };
  });

  const reason = "all agents of the spec were stopped";
  if (stopped.planning) {
    const live = await db.sandbox.findMany({ where: { specId, purpose: "spec", status: { in: ["creating", "running"] } }, select: { id: true } });
    for (const sandbox of live) await markSandboxLost({ sandboxId: sandbox.id, status: "stopped", countsAsCrash: false, reason });
  }
  for (const task of stopped.tasks) {
    if (task.sandboxId) await markSandboxLost({ sandboxId: task.sandboxId, status: "stopped", countsAsCrash: false, reason });
  }
  return {
    planning: stopped.planning,
    tickets: stopped.tasks.map((task) => ({ ticketId: task.ticket.id, key: task.ticket.key, taskId: task.id, wasRunning: task.status === "running" })),
    spec: toSpecDto(await db.spec.findUniqueOrThrow({ where: { id: specId } })),
  };
}
