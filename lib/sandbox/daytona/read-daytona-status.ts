import type { DaytonaClient } from "@/lib/sandbox/daytona/daytona-client";
import { GONE_STATES } from "@/lib/sandbox/daytona/daytona-config";
import type { SandboxRef, SandboxStatus } from "@/lib/sandbox/sandbox-provider";

/**
 * Whether the agent still runs, from the sandbox's state and its session command's exit code. A failing API is
 * `unknown`, never `exited`: the reaper must not end a live agent over a Daytona outage.
 */
export async function readDaytonaStatus(client: DaytonaClient, ref: SandboxRef): Promise<SandboxStatus> {
  try {
    const sandbox = await client.find(ref.externalId);
    if (!sandbox || GONE_STATES.has(sandbox.state ?? "")) return { state: "exited", exitCode: null };
    if (sandbox.state !== "started") return { state: "unknown" };
    const command = await client.agentCommand(sandbox, ref.sandboxId);
    // No session in a started sandbox: never started, stopped, or lost with a daemon restart.
    if (!command) return { state: "exited", exitCode: null };
    if (command.exitCode === undefined || command.exitCode === null) return { state: "running" };
    return { state: "exited", exitCode: command.exitCode };
  } catch {
    return { state: "unknown" };
  }
}
