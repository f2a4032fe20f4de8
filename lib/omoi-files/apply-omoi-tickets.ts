import type { Prisma } from "@/lib/db/client";
import type { OmoiPlan, OmoiSnapshot, TicketFile } from "@/lib/omoi-files/omoi-file-schemas";
import { planLookup } from "@/lib/omoi-files/apply-omoi-spec-items";
import { matchTicket } from "@/lib/omoi-files/plan-omoi-push";
import type { OmoiPerson } from "@/lib/omoi-files/resolve-omoi-people";
import { allocateTicketKeys } from "@/lib/projects/allocate-ticket-keys";
import { endOfColumn } from "@/lib/projects/end-of-column";

export interface ApplyOmoiTicketsOptions {
  userId: string;
  projectId: string;
  specId: string | null;
  tickets: readonly TicketFile[];
  snapshot: OmoiSnapshot;
  plan: OmoiPlan;
  person: (value: string) => OmoiPerson | undefined;
}

/**
 * Ticket files become tickets, created or updated by file id. A new ticket is owned by the pusher (or the file's
 * `owner`, a member), gets the next board key and waits in the backlog with one pending task (as the bridge makes
 * them); dependencies are replaced by real rows. Nothing here moves a card or starts an agent.
 */
export async function applyOmoiTickets(tx: Prisma.TransactionClient, options: ApplyOmoiTicketsOptions) {
  const { userId, projectId, specId, tickets, snapshot, plan, person } = options;
  const actionOf = planLookup(plan);
  const specTasks = specId ? await tx.specTask.findMany({ where: { specId }, select: { id: true, localId: true } }) : [];
  const specTaskId = new Map(specTasks.map((t) => [t.localId, t.id]));
  const fields = (t: TicketFile) => ({
    localId: t.id,
    title: t.title,
    description: t.description,
    priority: t.priority,
    assigneeId: t.assignee ? person(t.assignee)!.id : null,
    specTaskId: t.task ? specTaskId.get(t.task)! : null,
    ...(t.owner ? { userId: person(t.owner)!.id } : {}),
  });

  // Matched in the plan's order, so each file lands on the ticket the plan named.
  const taken = new Set<OmoiSnapshot["tickets"][number]>();
  const matches = tickets.map((t) => {
    const match = matchTicket(t, snapshot.tickets, taken);
    if (match) taken.add(match);
    return match;
  });
  const rowIdOf = new Map<string, string>();
  const creates = tickets.filter((t, i) => !matches[i] && actionOf("ticket", t.id)?.action === "create");
  if (creates.length) {
    const keys = await allocateTicketKeys(tx, projectId, creates.length);
    let position = await endOfColumn(projectId, "backlog", tx);
    for (const [i, t] of creates.entries()) {
      const { key, number } = keys[i]!;
      const data = fields(t);
      const row = await tx.ticket.create({
        data: {
          projectId, userId, specId, key, number, status: "backlog", position: position++, ...data,
          // Its one piece of work, waiting for Run or the spec's "Execute tasks" (a push never starts agents).
          tasks: { create: { kind: data.specTaskId ? "implement" : "quick", specTaskId: data.specTaskId, status: "pending" } },
        },
        select: { id: true },
      });
      rowIdOf.set(t.id, row.id);
    }
  }
  const changedDeps: string[] = [];
  for (const [i, t] of tickets.entries()) {
    const match = matches[i];
    if (!match) {
      if (actionOf("ticket", t.id)?.action === "create") changedDeps.push(t.id);
      continue;
    }
    const row = await tx.ticket.findUniqueOrThrow({ where: { projectId_key: { projectId, key: match.key } }, select: { id: true } });
    rowIdOf.set(t.id, row.id);
    const planned = actionOf("ticket", t.id);
    if (!planned || planned.action === "unchanged") continue;
    const data = fields(t);
    await tx.ticket.update({ where: { id: row.id }, data });
    if (planned.changes.includes("task")) {
      await tx.task.updateMany({ where: { ticketId: row.id, status: "pending" }, data: { specTaskId: data.specTaskId, kind: data.specTaskId ? "implement" : "quick" } });
    }
    if (planned.changes.includes("dependsOn")) changedDeps.push(t.id);
  }
  if (changedDeps.length === 0) return;

  // Dependencies may name tickets outside the files (by file id or board key): look those up in the project.
  const outside = [...new Set(tickets.flatMap((t) => t.dependsOn))].filter((ref) => !rowIdOf.has(ref));
  if (outside.length) {
    const rows = await tx.ticket.findMany({ where: { projectId, OR: [{ localId: { in: outside } }, { key: { in: outside } }] }, select: { id: true, localId: true, key: true } });
    for (const ref of outside) {
      const row = rows.find((r) => r.localId === ref) ?? rows.find((r) => r.key === ref);
      if (row) rowIdOf.set(ref, row.id);
    }
  }
  const ticketIds = changedDeps.map((id) => rowIdOf.get(id)!);
  await tx.ticketDependency.deleteMany({ where: { ticketId: { in: ticketIds } } });
  const edges = tickets
    .filter((t) => changedDeps.includes(t.id))
    .flatMap((t) => [...new Set(t.dependsOn)].map((dep) => ({ ticketId: rowIdOf.get(t.id)!, dependsOnId: rowIdOf.get(dep)! })));
  if (edges.length) await tx.ticketDependency.createMany({ data: edges, skipDuplicates: true });
}
