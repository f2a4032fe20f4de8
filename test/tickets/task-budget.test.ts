import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { recoverTask } from "@/lib/sandbox/recover-task";
import { createTestProject, createTestUser } from "@/test/factories";

// What the agent reports when the proxy stops its task at a budget (lib/agent/describe-error.ts's describeError).
const BUDGET_REASON = "budget_exceeded: The task's budget of $1.00 is spent ($1.0100 used) (HTTP 402)";

describe("a task stopped by a budget", () => {
  it("fails at once with the reason on the task and its ticket, instead of spending another attempt", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const ticket = await db.ticket.create({ data: { projectId: project.id, userId: user.id, key: `B-${Date.now()}`, number: 1, title: "t" } });
    const sandbox = await db.sandbox.create({ data: { purpose: "task", status: "running" } });
    const task = await db.task.create({ data: { ticketId: ticket.id, status: "running", sandboxId: sandbox.id, attempt: 1, maxAttempts: 3 } });

    expect(await recoverTask({ taskId: task.id, sandboxId: sandbox.id, reason: BUDGET_REASON })).toEqual({ action: "failed" });
    expect(await db.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: "failed", error: BUDGET_REASON, attempt: 1 });
    const blocked = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(blocked).toMatchObject({ isBlocked: true });
    expect(blocked.blockedReason).toContain("budget_exceeded: The task's budget of $1.00 is spent");
  });
});
