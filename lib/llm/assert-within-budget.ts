import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { SandboxCaller } from "@/lib/sandbox/authenticate-sandbox-token";

/**
 * Refuses a model call once the spec's budget (its own, else its project's) or the task's budget
 * (`executionConfig.budgetUsd`, else its project's) is spent. Checked before every call, so an agent overshoots by
 * at most one call.
 */
export async function assertWithinBudget(sandbox: SandboxCaller): Promise<void> {
  if (sandbox.specId && sandbox.purpose === "spec") {
    const spec = await db.spec.findUnique({
      where: { id: sandbox.specId },
      select: { costUsd: true, budgetUsd: true, project: { select: { budgetUsd: true } } },
    });
    const budget = spec?.budgetUsd ?? spec?.project.budgetUsd;
    if (spec && budget !== null && budget !== undefined && Number(spec.costUsd) >= Number(budget)) {
      throw new AppError("budget_exceeded", `The spec's budget of $${Number(budget).toFixed(2)} is spent ($${Number(spec.costUsd).toFixed(4)} used)`);
    }
  }
  if (sandbox.taskId) {
    const task = await db.task.findUnique({
      where: { id: sandbox.taskId },
      select: { costUsd: true, executionConfig: true, ticket: { select: { project: { select: { budgetUsd: true } } } } },
    });
    const own = (task?.executionConfig as { budgetUsd?: unknown } | null)?.budgetUsd;
    const budget = typeof own === "number" ? own : task?.ticket.project.budgetUsd;
    if (task && budget !== null && budget !== undefined && Number(task.costUsd) >= Number(budget)) {
      throw new AppError("budget_exceeded", `The task's budget of $${Number(budget).toFixed(2)} is spent ($${Number(task.costUsd).toFixed(4)} used)`);
    }
  }
}
