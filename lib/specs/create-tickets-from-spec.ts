import { lockSpec } from "@/lib/specs/spec-state";
import { allocateTicketKeys } from "@/lib/projects/allocate-ticket-keys";
import { endOfColumn } from "@/lib/projects/end-of-column";
import type { Prisma } from "@/lib/db/client";

export interface BridgeResult {
  /** Tickets made by this call (none when every task already had one). */
  created: { ticketId: string; key: string; specTaskId: string }[];
  /** Every ticket of the spec's tasks, old and new. */
  ticketIds: string[];
}

/**
 * The bridge from plan to board: one Ticket per SpecTask — owned by the spec's creator, linked to the spec and its
 * task, with a human key, the task's priority, a description naming the requirements it serves (its acceptance
 * criteria stay data, see describe), in the backlog — plus one implementation Task, and dependencies mirroring the
 * plan's. Runs inside the caller's transaction with the spec locked; idempotent (a SpecTask has at most one ticket,
 * enforced by a unique column), so running it twice creates nothing new.
 */
export async function createTicketsFromSpec(tx: Prisma.TransactionClient, { specId, specTaskIds }: { specId: string; specTaskIds?: string[] }): Promise<BridgeResult> {
  await lockSpec(tx, specId);
  const spec = await tx.spec.findUniqueOrThrow({ where: { id: specId }, select: { userId: true, projectId: true, autoExecute: true } });
  const tasks = await tx.specTask.findMany({
    where: { specId, ...(specTaskIds ? { id: { in: specTaskIds } } : {}) },
    orderBy: { position: "asc" },
    include: { ticket: { select: { id: true } }, dependsOn: { select: { dependsOnId: true } } },
  });
  const missing = tasks.filter((task) => !task.ticket);
  const created: BridgeResult["created"] = [];

  if (missing.length > 0) {
    const requirements = await tx.specRequirement.findMany({ where: { specId }, select: { localId: true, text: true } });
    const byLocalId = new Map(requirements.map((r) => [r.localId, r]));
    const keys = await allocateTicketKeys(tx, spec.projectId, missing.length);
    let position = await endOfColumn(spec.projectId, "backlog", tx);
    for (const [i, task] of missing.entries()) {
      const { key, number } = keys[i]!;
      const ticket = await tx.ticket.create({
        data: {
          projectId: spec.projectId,
          userId: spec.userId,
          specId,
          specTaskId: task.id,
          key,
          number,
          title: task.title,
          description: describe(task, byLocalId),
          priority: task.priority,
          status: "backlog",
          position: position++,
          tasks: {
            create: {
              specTaskId: task.id,
              kind: "implement",
              status: spec.autoExecute ? "queued" : "pending",
              queuedAt: spec.autoExecute ? new Date() : null,
            },
          },
        },
        select: { id: true, key: true },
      });
      created.push({ ticketId: ticket.id, key: ticket.key, specTaskId: task.id });
    }
  }

  // Mirror the plan's dependencies between whichever of its tasks now have tickets.
  const all = await tx.specTask.findMany({ where: { specId }, select: { id: true, ticket: { select: { id: true } }, dependsOn: { select: { dependsOnId: true } } } });
  const ticketOf = new Map(all.filter((t) => t.ticket).map((t) => [t.id, t.ticket!.id]));
  const edges = all.flatMap((t) =>
    ticketOf.has(t.id) ? t.dependsOn.filter((d) => ticketOf.has(d.dependsOnId)).map((d) => ({ ticketId: ticketOf.get(t.id)!, dependsOnId: ticketOf.get(d.dependsOnId)! })) : [],
  );
  if (edges.length > 0) await tx.ticketDependency.createMany({ data: edges, skipDuplicates: true });
  return { created, ticketIds: [...ticketOf.values()] };
}

type TaskRow = { description: string; requirementRefs: string[]; estimateHours: number | null };
type RequirementRow = { localId: string; text: string };

/**
 * The ticket's description: the task's words, the requirements it serves and its estimate. Not its acceptance
 * criteria: they stay data (the spec task's own and its requirements' criteria, lib/tickets/list-ticket-criteria.ts),
 * which the agent is given with their ids and the ticket page lists once, each with the agent's verdict — a copy in
 * the text would show them twice and go stale.
 */
function describe(task: TaskRow, requirements: Map<string, RequirementRow>): string {
  const lines = [task.description.trim(), ""];
  const linked = task.requirementRefs.map((ref) => requirements.get(ref)).filter((r): r is RequirementRow => Boolean(r));
  if (linked.length) lines.push("## Requirements", ...linked.map((r) => `- **${r.localId}** — ${r.text}`), "");
  if (task.estimateHours) lines.push(`Estimate: ${task.estimateHours} h`);
  return lines.join("\n").trim();
}
