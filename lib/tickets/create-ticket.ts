import { assertOrgBudgetLeft } from "@/lib/llm/assert-org-budget-left";
import { db } from "@/lib/db/client";
import { assertModelConfigured } from "@/lib/llm/assert-model-configured";
import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";
import { createAndLaunchSpec } from "@/lib/specs/launch-spec";
import type { SpecDto } from "@/lib/specs/spec-schemas";
import { allocateTicketKeys, type TicketKey } from "@/lib/projects/allocate-ticket-keys";
import { enqueueDispatch } from "@/lib/jobs/enqueue-dispatch";
import { ticketInclude, toTicketDto } from "@/lib/tickets/ticket-dto";
import { endOfColumn } from "@/lib/projects/end-of-column";
import type { CreateTicketInput, TicketDto } from "@/lib/tickets/ticket-schemas";

export type CreateTicketResult =
  | { mode: "quick"; ticket: TicketDto }
  | { mode: "spec_driven"; specId: string; sandboxId: string | null; spec: SpecDto };

/**
 * A ticket from a person (or the CLI), owned by the caller. Quick: the ticket and its task, queued at once when the
 * project auto-executes. Spec-driven (a deprecated alias of POST /api/v1/specs): no ticket — the idea goes to the one
 * spec service, whose plan will make the tickets; the title stays the spec's title and heads its description.
 */
export async function createTicket({ userId, input }: { userId: string; input: CreateTicketInput }): Promise<CreateTicketResult> {
  if (input.workflowMode === "spec_driven") {
    const { spec, specId, sandboxId } = await createAndLaunchSpec({
      userId,
      input: { projectId: input.projectId, title: input.title, description: input.description?.trim() ? `${input.title}\n\n${input.description}` : input.title },
    });
    return { mode: "spec_driven", specId, sandboxId, spec };
  }
  const project = await getProjectForMemberOrThrow({ userId, projectId: input.projectId });
  if (project.autoExecuteTickets) {
    // The task is queued at once: the same checks as any other start of agent work.
    assertModelConfigured();
    await assertOrgBudgetLeft(project.id);
  }
  const ticket = await db.$transaction(async (tx) => {
    const [{ key, number }] = (await allocateTicketKeys(tx, project.id, 1)) as [TicketKey];
    const created = await tx.ticket.create({
      data: {
        projectId: project.id,
        userId,
        key,
        number,
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
