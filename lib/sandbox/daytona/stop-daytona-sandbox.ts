import { buildKillScript } from "@/lib/sandbox/daytona/build-agent-command";
import type { DaytonaClient } from "@/lib/sandbox/daytona/daytona-client";
import { agentSessionId, GONE_STATES, STOP_GRACE_SECONDS } from "@/lib/sandbox/daytona/daytona-config";
import { isNotFound } from "@/lib/sandbox/daytona/daytona-errors";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

/** Ends the agent (SIGTERM, then SIGKILL), its session, then the sandbox; a sandbox already gone or stopping is fine. */
export async function stopDaytonaSandbox(client: DaytonaClient, ref: SandboxRef): Promise<void> {
  try {
    const sandbox = await client.find(ref.externalId);
    if (!sandbox || sandbox.state !== "started") return;
    // Best effort: whatever survives dies with the sandbox below, only without the SIGTERM grace.
    await client.run(sandbox, buildKillScript(ref), "kill agent", STOP_GRACE_SECONDS + 20).catch(() => {});
    await sandbox.process.deleteSession(agentSessionId(ref.sandboxId)).catch(() => {});
    try {
      await sandbox.stop();
    } catch (err) {
      if (isNotFound(err)) return;
      await sandbox.refreshData().catch(() => {});
      if (!GONE_STATES.has(sandbox.state ?? "")) throw err;
    }
  } catch (err) {
    throw client.wrap("stop", err);
  }
}
