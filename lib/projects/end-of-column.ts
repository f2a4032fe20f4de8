import { db, type Prisma } from "@/lib/db/client";
import type { TicketStatusName } from "@/lib/projects/project-schemas";

/** The position after the last ticket of a project's column (where a ticket that enters the column goes). */
export async function endOfColumn(projectId: string, status: TicketStatusName, tx: Prisma.TransactionClient = db, excludeTicketId?: string): Promise<number> {
  const last = await tx.ticket.aggregate({
    where: { projectId, status, ...(excludeTicketId ? { id: { not: excludeTicketId } } : {}) },
    _max: { position: true },
  });
  return (last._max.position ?? 0) + 1;
}
