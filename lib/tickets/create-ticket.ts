import { assertOrgBudgetLeft } from "@/lib/llm/assert-org-budget-left";
import { db } from "@/lib/db/client";
import { assertModelConfigured } from "@/lib/llm/assert-model-configured";
import { getProjectOrThrow } from "@/lib/projects/get-project-or-throw";
import { createSpec } from "@/lib/specs/create-spec";
import { enqueueDispatch } from "@/lib/tickets/enqueue-dispatch";
import { ticketInclude, toTicketDto } from "@/lib/tickets/ticket-dto";
import { endOfColumn } from "@/lib/tickets/end-of-column";
import type { CreateTicketInput, TicketDto } from "@/lib/tickets/ticket-schemas";

export type CreateTicketResult = { mode: "quick"; ticket: TicketDto } | { mode: "spec_driven"; specId: string };

/**
 * A ticket from a person (or the CLI), owned by the caller. Quick: the ticket and its task, queued at once when the
 * project auto-executes. Spec-driven: the idea becomes a spec whose plan will make the tickets.
 */
export async function createTicket({ userId, input }: { userId: string; input: CreateTicketInput }): Promise<CreateTicketResult> {
  const project = await getProjectOrThrow({ userId, projectId: input.projectId });
  if (input.workflowMode === "spec_driven") {
    const spec = await createSpec({
      userId,
      input: { projectId: project.id, title: input.title, description: input.description?.trim() ? `${input.title}\n\n${input.description}` : input.title },
    });
    return { mode: "spec_driven", specId: spec.id };
  }
  if (project.autoExecuteTickets) {
    // The task is queued at once: the same checks as any other start of agent work.
    assertModelConfigured();
    await assertOrgBudgetLeft(project.id);
  }
  const ticket = await db.$transaction(async (tx) => {
    const [numbered] = await tx.$queryRaw<{ ticketPrefix: string; ticketSeq: number }[]>`
      UPDATE "Project" SET "ticketSeq" = "ticketSeq" + 1, "updatedAt" = now() WHERE id = ${project.id} RETURNING "ticketPrefix", "ticketSeq"`;
    const created = await tx.ticket.create({
      data: {
        projectId: project.id,
        userId,
        key: `${numbered!.ticketPrefix}-${numbered!.ticketSeq}`,
        number: numbered!.ticketSeq,
        title: input.title,
        description: input.description ?? "",
        priority: input.priority,
        position: await endOfColumn(project.id, "backlog", tx),
        tasks: {
          create: {
            kind: "quick",
            status: project.autoExecuteTickets ? "queued" : "pending",
            queuedAt: project.autoExecuteTickets ? new Date() : null,
          },
        },
      },
      include: ticketInclude,
    });
    if (project.autoExecuteTickets) await enqueueDispatch(tx);
    return created;
  });
  return { mode: "quick", ticket: toTicketDto(ticket) };
}
