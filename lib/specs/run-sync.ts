import { Prisma } from "@/lib/db/client";
import { buildSyncPlan } from "@/lib/specs/build-sync-plan";
import { completeGeneration } from "@/lib/specs/spec-state";
import { createTicketsFromSpec } from "@/lib/specs/create-tickets-from-spec";
import { enqueueDispatch } from "@/lib/jobs/enqueue-dispatch";

export interface SyncResult {
  phaseRunId: string;
  /** Tickets made now (none when every task already had one). */
  created: { count: number; ticketIds: string[] };
}

/**
 * SYNC, run by the server inside the transaction that stored TASKS (or by the worker for a spec left at sync by an
 * older agent): the plan (coverage, DAG, waves) is computed from the stored rows, its tickets are made on the board,
 * a passed SYNC run is recorded, and the spec's planning is complete — its build running when there are tickets.
 * Nothing of it comes from the sandbox. The caller has the spec at `sync` and records the events after commit.
 */
export async function runSync(tx: Prisma.TransactionClient, specId: string): Promise<SyncResult> {
  const plan = await buildSyncPlan(tx, specId);
  const bridge = await createTicketsFromSpec(tx, { specId });
  const previous = await tx.phaseRun.findFirst({ where: { specId, phase: "sync" }, orderBy: { attempt: "desc" }, select: { attempt: true } });
  const run = await tx.phaseRun.create({
    data: { specId, phase: "sync", attempt: (previous?.attempt ?? 0) + 1, status: "passed", score: 1, subScores: {}, issues: [], warnings: [], output: {}, durationMs: 0, endedAt: new Date() },
    select: { id: true },
  });
  await completeGeneration(tx, specId, { hasTickets: bridge.ticketIds.length > 0, side: { syncPlan: plan as object, pendingFeedback: Prisma.DbNull } });
  if (bridge.created.length > 0) await enqueueDispatch(tx);
  return { phaseRunId: run.id, created: { count: bridge.created.length, ticketIds: bridge.created.map((t) => t.ticketId) } };
}
