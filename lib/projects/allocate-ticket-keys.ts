import type { Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

export interface TicketKey {
  key: string;
  number: number;
}

/**
 * Numbers for `count` new tickets of a project, as `<prefix>-<n>`, in one statement: the project row's update
 * serializes concurrent callers (a person's quick ticket, a spec's SYNC, a file push), so no two get one number.
 * Runs in the caller's transaction: a rolled-back creation gives its numbers back.
 */
export async function allocateTicketKeys(tx: Prisma.TransactionClient, projectId: string, count: number): Promise<TicketKey[]> {
  if (count <= 0) return [];
  const [project] = await tx.$queryRaw<{ ticketPrefix: string; ticketSeq: number }[]>`
    UPDATE "Project" SET "ticketSeq" = "ticketSeq" + ${count}, "updatedAt" = now() WHERE id = ${projectId}
    RETURNING "ticketPrefix", "ticketSeq"`;
  if (!project) throw new AppError("not_found", "Project not found");
  const first = project.ticketSeq - count + 1;
  return Array.from({ length: count }, (_, i) => ({ key: `${project.ticketPrefix}-${first + i}`, number: first + i }));
}
