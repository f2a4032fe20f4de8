import { createLocalSandbox } from "@/lib/sandbox/local/create-local-sandbox";
import { destroyLocalSandbox } from "@/lib/sandbox/local/destroy-local-sandbox";
import { exportLocalBranch } from "@/lib/sandbox/local/export-local-branch";
import { createLocalContext, type LocalProviderOptions } from "@/lib/sandbox/local/local-config";
import { readLocalLogTail } from "@/lib/sandbox/local/read-local-log-tail";
import { readLocalStatus } from "@/lib/sandbox/local/read-local-status";
import { startLocalAgent } from "@/lib/sandbox/local/start-local-agent";
import { stopLocalSandbox } from "@/lib/sandbox/local/stop-local-sandbox";
import type { SandboxProvider } from "@/lib/sandbox/sandbox-provider";

// The provider's pieces live in lib/sandbox/local/ (one operation per file); this entry composes them and keeps
// the names other code imports.
export type { LocalProviderOptions } from "@/lib/sandbox/local/local-config";

/**
 * Sandboxes as child processes on this machine: a folder per sandbox with a clone of the project's repository (or an
 * empty repository), `omoi agent` started detached in its own process group with only the env contract, output to
 * a log file. What a later process needs to find the agent again (pid and its start time, against pid reuse) is in
 * a file in the sandbox folder, so a restarted worker can still inspect or stop it.
 */
export function createLocalProvider(options: LocalProviderOptions): SandboxProvider {
  const ctx = createLocalContext(options);
  return {
    name: "local",
    create: (input) => createLocalSandbox(ctx, input),
    startAgent: (ref, env, onExit) => startLocalAgent(ctx, ref, env, onExit),
    stop: (ref) => stopLocalSandbox(ctx, ref),
    destroy: (ref) => destroyLocalSandbox(ctx, ref),
    status: (ref) => readLocalStatus(ctx, ref),
    exportBranch: (ref, branch, intoGitDir, intoRef) => exportLocalBranch(ctx, ref, branch, intoGitDir, intoRef),
    logTail: (ref, bytes) => readLocalLogTail(ref, bytes),
  };
}
