import { db, type Prisma } from "@/lib/db/client";
import type { IntegrationStatus } from "@/lib/generated/prisma/enums";

/** Where the ticket's latest task's accepted work stands in review and integration; null without a task or state. */
export async function getLatestIntegration(ticketId: string, client: Prisma.TransactionClient = db): Promise<IntegrationStatus | null> {
  const latest = await client.task.findFirst({ where: { ticketId }, orderBy: { createdAt: "desc" }, select: { integration: true } });
  return latest?.integration ?? null;
}
