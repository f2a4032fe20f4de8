import { z } from "zod";
import { defineTool, ToolError } from "@/lib/agent/agent-tool";
import { proxyEnv } from "@/lib/agent/workspace/proxy-env";
import { checkReadOnlyCommand } from "@/lib/agent/workspace/check-read-only-command";
import { resolveInWorkspace } from "@/lib/agent/workspace/resolve-in-workspace";
import { runShellCommand } from "@/lib/agent/workspace/run-shell-command";
import type { WorkspaceSettings } from "@/lib/agent/workspace/workspace-settings";

const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const inputSchema = z.object({
  command: z.string().min(1).describe("The bash command line to run in the workspace root."),
  timeout_ms: z.number().int().min(100).optional().describe("Time limit in milliseconds; the default suits most commands."),
});

export function createRunCommandTool(settings: WorkspaceSettings) {
  const readOnly = settings.mode === "exploration";
  return defineTool({
    name: "run_command",
    description: readOnly
      ? "Run one read-only command in the workspace root (exploration mode): ls, cat, head, tail, wc, pwd, stat, du, grep, " +
        "find (without -exec/-delete), echo, or git log/show/status/diff/ls-files/ls-tree/blame/grep/rev-parse/shortlog/describe/cat-file. " +
        "No pipes, redirections, globs or substitutions; paths must stay inside the workspace."
      : `Run a bash command line in the workspace root (bash -lc) and get its combined stdout and stderr and exit code. ` +
        `Default time limit ${settings.commandTimeoutMs} ms (at most ${settings.maxCommandTimeoutMs} ms); the whole process ` +
        "group is killed at the limit and when the command ends, so nothing keeps running in the background. Long output " +
        "keeps its beginning and end. No credentials of the host are in the environment.",
    inputSchema,
    // The first line only, cut short: a heredoc can carry a whole file.
    summarize: (input) => {
      const firstLine = input.command.split("\n")[0] ?? "";
      return firstLine.length > 120 || input.command.includes("\n") ? `${firstLine.slice(0, 120)} …` : firstLine;
    },
    async run(input, context) {
      const { root } = await resolveInWorkspace(settings.root, ".");
      if (readOnly) await checkReadOnlyCommand(input.command, root);
      const timeoutMs = Math.min(input.timeout_ms ?? settings.commandTimeoutMs, settings.maxCommandTimeoutMs);
      const result = await runShellCommand({
        cwd: root,
        command: input.command,
        timeoutMs,
        maxOutputBytes: settings.maxOutputBytes,
        env: await commandEnv(settings),
        signal: context.signal,
      });
      const output = result.output.trimEnd() || "(no output)";
      if (result.timedOut) throw new ToolError(`Timed out after ${timeoutMs} ms; the command and its processes were killed.\n${output}`);
      if (result.aborted) throw new ToolError(`Stopped: the agent run was cancelled.\n${output}`);
      const status = result.signal ? `killed by ${result.signal}` : `exit code ${result.exitCode}`;
      return `${output}\n[${status}]`;
    },
  });
}

/**
 * The command's whole environment, built from an allowlist rather than by removing secrets from process.env: a
 * secret added to the server later cannot leak by being forgotten here. A few fixed values keep git and pagers
 * from waiting for a terminal.
 */
async function commandEnv(settings: WorkspaceSettings): Promise<Record<string, string>> {
  return {
    PATH: process.env.PATH || DEFAULT_PATH,
    HOME: await settings.homeDir(),
    LANG: process.env.LANG || "C.UTF-8",
    TERM: process.env.TERM || "dumb",
    PAGER: "cat",
    GIT_PAGER: "cat",
    GIT_TERMINAL_PROMPT: "0",
    ...(settings.mode === "exploration" ? { GIT_OPTIONAL_LOCKS: "0" } : {}),
    ...proxyEnv(),
    ...settings.commandEnv,
  };
}
