import { createDaytonaSandbox } from "@/lib/sandbox/daytona/create-daytona-sandbox";
import { createDaytonaClient } from "@/lib/sandbox/daytona/daytona-client";
import type { DaytonaProviderOptions } from "@/lib/sandbox/daytona/daytona-config";
import { destroyDaytonaSandbox } from "@/lib/sandbox/daytona/destroy-daytona-sandbox";
import { exportDaytonaBranch } from "@/lib/sandbox/daytona/export-daytona-branch";
import { readDaytonaLogTail } from "@/lib/sandbox/daytona/read-daytona-log-tail";
import { readDaytonaStatus } from "@/lib/sandbox/daytona/read-daytona-status";
import { startDaytonaAgent } from "@/lib/sandbox/daytona/start-daytona-agent";
import { stopDaytonaSandbox } from "@/lib/sandbox/daytona/stop-daytona-sandbox";
import type { SandboxProvider } from "@/lib/sandbox/sandbox-provider";

// The provider's pieces live in lib/sandbox/daytona/ (one operation per file); this entry composes them and keeps
// the names other code imports.
export { buildAgentCommand, buildAgentEnvFile, buildKillScript, shellQuote } from "@/lib/sandbox/daytona/build-agent-command";
export { agentSessionId, type DaytonaProviderOptions } from "@/lib/sandbox/daytona/daytona-config";
export { DaytonaProviderError } from "@/lib/sandbox/daytona/daytona-errors";

/**
 * Sandboxes on Daytona through its SDK. Like every provider it keeps no state that matters: each call finds the
 * remote sandbox (and the agent's session) again from the ref, so any worker can manage any sandbox.
 */
export function createDaytonaProvider(options: DaytonaProviderOptions): SandboxProvider {
  const client = createDaytonaClient(options);
  return {
    name: "daytona",
    create: (input) => createDaytonaSandbox(client, input),
    /**
     * `onExit` is not called: nothing here watches the remote process, and the agent's heartbeats (or their absence)
     * are the source of truth. `status` tells the exit code when asked.
     */
    startAgent: (ref, env) => startDaytonaAgent(client, ref, env),
    stop: (ref) => stopDaytonaSandbox(client, ref),
    destroy: (ref) => destroyDaytonaSandbox(client, ref),
    status: (ref) => readDaytonaStatus(client, ref),
    exportBranch: (ref, branch, intoGitDir, intoRef) => exportDaytonaBranch(client, ref, branch, intoGitDir, intoRef),
    logTail: (ref, bytes) => readDaytonaLogTail(client, ref, bytes),
  };
}
