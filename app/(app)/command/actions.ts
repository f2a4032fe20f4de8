"use server";

import { getServerSession } from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { AppError } from "@/lib/http/errors";
import { runAction } from "@/lib/http/run-action";
import { launchSpec } from "@/lib/specs/launch-spec";
import { launchSpecSchema } from "@/lib/specs/spec-schemas";
import { createQuickTask } from "@/lib/tickets/create-quick-task";
import { quickTaskSchema } from "@/lib/tickets/ticket-schemas";

async function requireUserId() {
  const session = await getServerSession(getAuthOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) throw new AppError("unauthorized", "Sign in first");
  return userId;
}

// Server actions behind the command page: the same services and errors as POST /api/v1/specs/launch and
// POST /api/v1/tickets.
export async function launchSpecAction(input: unknown) {
  return runAction("launch-spec", async () => {
    const userId = await requireUserId();
    const { specId, status, currentPhase, sandboxId } = await launchSpec({ userId, input: launchSpecSchema.parse(input) });
    return { specId, status, currentPhase, sandboxId };
  });
}

export async function createQuickTaskAction(input: unknown) {
  return runAction("create-quick-task", async () => {
    const userId = await requireUserId();
    const ticket = await createQuickTask({ userId, input: quickTaskSchema.parse(input) });
    return { ticketId: ticket.id, projectId: ticket.projectId, key: ticket.key };
  });
}
