import { proxyEnv } from "@/lib/agent/workspace/proxy-env";
import { runShellCommand } from "@/lib/agent/workspace/run-shell-command";
import type { EventReporter } from "@/lib/events/event-reporter";
import type { SandboxContext } from "@/lib/specs/sandbox-context-schema";

const TEST_TIMEOUT_MS = 15 * 60_000;
const MAX_OUTPUT_BYTES = 200_000;
/** What the event keeps of the output: its end, where test runners print failures and totals. */
const KEPT_OUTPUT_CHARS = 16_000;

/**
 * An integration sandbox's whole job, no model involved: the workspace is a clone of the candidate merge the server
 * made (a ticket's work merged into its spec branch); run the project's tests there and report the result. The server
 * decides what happens next (advance the spec branch, or send the ticket back with this output).
 */
export async function runIntegrationTests({ context, workspacePath, reporter, signal }: { context: SandboxContext; workspacePath: string; reporter: EventReporter; signal: AbortSignal }): Promise<"completed" | "stopped"> {
  const command = context.project.testCommand ?? "";
  const result = command
    ? await runShellCommand({
        cwd: workspacePath,
        command,
        timeoutMs: TEST_TIMEOUT_MS,
        maxOutputBytes: MAX_OUTPUT_BYTES,
        env: { PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin", HOME: process.env.HOME ?? workspacePath, LANG: "C.UTF-8", CI: "1", ...proxyEnv() },
        signal,
      })
    : { exitCode: 0, timedOut: false, output: "The project has no test command." };
  if (signal.aborted) return "stopped";
  const passed = result.exitCode === 0 && !result.timedOut;
  reporter.emit("integration.tests_finished", { command: command || "(none)", exitCode: result.exitCode, passed, timedOut: result.timedOut, output: result.output.slice(-KEPT_OUTPUT_CHARS) });
  return "completed";
}
