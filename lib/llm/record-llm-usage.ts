import { db } from "@/lib/db/client";
import { accumulateUsage, ZERO_USAGE, type ResponseUsage } from "@/lib/agent/usage";
import type { SpecPhase } from "@/lib/generated/prisma/client";

export interface RecordLlmUsageOptions {
  sandboxId: string;
  specId: string | null;
  taskId: string | null;
  phase: SpecPhase | null;
  model: string;
  /** As the API reported it. */
  usage: ResponseUsage;
  durationMs: number;
  status: number;
}

/** One row per model call, and the running totals on the spec (and its current phase run) and task, atomically. */
export async function recordLlmUsage(options: RecordLlmUsageOptions): Promise<number> {
  // Priced by the same table and rules as the agent's own accounting (e.g. long-prompt rates).
  const usage = accumulateUsage(ZERO_USAGE, options.model, options.usage);
  const cost = usage.costUsd;
  const tokens = {
    tokensIn: { increment: usage.inputTokens },
    tokensOut: { increment: usage.outputTokens },
    cacheReadTokens: { increment: usage.cacheReadTokens },
    cacheWriteTokens: { increment: usage.cacheWriteTokens },
    costUsd: { increment: cost },
  };
  await db.$transaction(async (tx) => {
    // Metering sits on the response path of every model call: do not wait for the WAL flush. A crash can lose at
    // most the last few hundred milliseconds of usage rows; it can never reorder or half-apply them.
    await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
    await tx.llmUsage.create({
      data: {
        sandboxId: options.sandboxId,
        specId: options.specId,
        taskId: options.taskId,
        phase: options.phase,
        model: options.model,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        cacheReadTokens: usage.cacheReadTokens,
        cacheWriteTokens: usage.cacheWriteTokens,
        costUsd: cost,
        durationMs: options.durationMs,
        status: options.status,
      },
    });
    if (options.specId) {
      await tx.spec.update({ where: { id: options.specId }, data: tokens });
      if (options.phase) {
        await tx.phaseRun.updateMany({ where: { specId: options.specId, phase: options.phase, status: "running" }, data: tokens });
      }
    }
    if (options.taskId) await tx.task.update({ where: { id: options.taskId }, data: { costUsd: { increment: cost } } });
  });
  return cost;
}
