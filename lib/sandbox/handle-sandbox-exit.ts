import { db } from "@/lib/db/client";
import { markSandboxLost } from "@/lib/sandbox/mark-sandbox-lost";
import type { SandboxStatus } from "@/lib/sandbox/sandbox-provider";

/**
 * The worker saw an agent process end. Its exit code is recorded; if the agent had not reported the end of its work
 * (a crash, a kill), the sandbox is lost now rather than after the heartbeat timeout.
 */
export async function handleSandboxExit(sandboxId: string, status: SandboxStatus) {
  const exitCode = status.exitCode ?? null;
  await db.sandbox.updateMany({ where: { id: sandboxId }, data: { exitCode } });
  await markSandboxLost({ sandboxId, exitCode, reason: `the agent process ended (exit code ${exitCode ?? "unknown"}) before reporting a result` });
}
