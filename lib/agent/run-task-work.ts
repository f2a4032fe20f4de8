import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import type { AgentTool } from "@/lib/agent/agent-tool";
import { runAgentLoop } from "@/lib/agent/run-agent-loop";
import { defineTerminalTool } from "@/lib/agent/terminal-tool";
import { proxyEnv } from "@/lib/agent/workspace/proxy-env";
import { runShellCommand } from "@/lib/agent/workspace/run-shell-command";
import type { EventReporter } from "@/lib/events/event-reporter";
import type { SandboxContext } from "@/lib/specs/sandbox-context-schema";

const run = promisify(execFile);
/** Rejected completions before the task fails (missing commits, dirty tree, failing tests). */
export const MAX_COMPLETION_ATTEMPTS = 4;
const TEST_TIMEOUT_MS = 10 * 60_000;

export interface TaskWorkOptions {
  client: Anthropic;
  model: string;
  context: SandboxContext;
  tools: readonly AgentTool[];
  workspacePath: string;
  reporter: EventReporter;
  signal: AbortSignal;
  maxTurns: number;
  timeoutMs: number;
}

const verdictSchema = z.object({
  criterionId: z.string().max(64).optional().describe("The criterion's id when it has one"),
  criterion: z.string().min(1).max(1000),
  met: z.boolean(),
  evidence: z.string().min(1).max(2000).describe("How you know: the test, the command output, the file and line"),
});

const SYSTEM_PROMPT = `You are a coding agent of OmoiOS implementing one ticket in a clone of the project's repository, on its own
branch. Read the code, make the change in small steps, follow the codebase's conventions, add or update tests, and commit
with clear messages (git add / git commit through run_command). When the work is done and committed, call complete_task with
a summary and a verdict for every acceptance criterion. The harness checks that you committed, that the tree is clean and
that the project's tests pass before it accepts; if it refuses, fix what it says and call complete_task again.`;

/**
 * A task sandbox's work: on the branch the server named (omoi/<project namespace>/<key>), the agent implements the
 * ticket and must end with complete_task; the harness accepts only real, committed work — new commits, a clean tree,
 * the project's tests passing — and reports the commits and the per-criterion verdicts. Pushing and the pull request
 * are the app's (no credential is here; the server exports the branch and checks it again).
 */
export async function runTaskWork(options: TaskWorkOptions): Promise<"completed" | "failed" | "stopped"> {
  const { reporter, context, workspacePath: cwd } = options;
  const task = context.task!;
  const git = async (...args: string[]) => (await run("git", args, { cwd, maxBuffer: 8 * 1024 * 1024 })).stdout.trim();
  const isAncestor = (ancestor: string, of: string) => git("merge-base", "--is-ancestor", ancestor, of).then(() => true, () => false);

  // A spec ticket's workspace is cloned at its spec branch (the merged work of the tickets before it); an attempt sent
  // back continues from its own delivered branch, which it must bring onto the spec branch's current head.
  const base = await git("rev-parse", "HEAD");
  const ownBranch = task.resume ? await git("rev-parse", "--verify", "--quiet", `refs/remotes/origin/${task.branch}`).catch(() => "") : "";
  await git("checkout", "--quiet", "-B", task.branch, ...(ownBranch ? [ownBranch] : []));
  reporter.emit("task.started", { branch: task.branch });

  const testCommand = context.project.testCommand;
  const completeTask = defineTerminalTool({
    name: "complete_task",
    description: "Call once the work is committed, with a summary and one verdict per acceptance criterion.",
    inputSchema: z.object({ summary: z.string().min(1).max(4000), verdicts: z.array(verdictSchema).max(100) }),
    handle: async (input) => {
      const commits = Number(await git("rev-list", "--count", `${base}..HEAD`));
      if (commits === 0) return { accepted: false, feedback: "No commits on the branch yet: commit your work (git add -A && git commit -m '…')." };
      if (task.specBranch && !(await isAncestor(base, "HEAD"))) {
        return {
          accepted: false,
          feedback: `Your branch does not build on the spec branch's current head (origin/${task.specBranch}, ${base.slice(0, 12)}), which holds the merged work of the tickets done before this one. Rebase onto it (git rebase origin/${task.specBranch}), resolve any conflicts keeping both sides' intent, run the tests, commit, and call complete_task again.`,
        };
      }
      const dirty = await git("status", "--porcelain");
      if (dirty) return { accepted: false, feedback: `The working tree has uncommitted changes; commit or remove them:\n${dirty.slice(0, 2000)}` };
      if (testCommand) {
        reporter.emit("task.tests_started", { command: testCommand });
        const result = await runShellCommand({
          cwd,
          command: testCommand,
          timeoutMs: TEST_TIMEOUT_MS,
          maxOutputBytes: 200_000,
          env: { PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin", HOME: process.env.HOME ?? cwd, LANG: "C.UTF-8", CI: "1", ...proxyEnv() },
          signal: options.signal,
        });
        const passed = result.exitCode === 0 && !result.timedOut;
        reporter.emit("task.tests_finished", { command: testCommand, exitCode: result.exitCode, passed });
        if (!passed) {
          return { accepted: false, feedback: `The tests failed (\`${testCommand}\`, exit ${result.exitCode ?? "none"}${result.timedOut ? ", timed out" : ""}):\n${result.output.slice(-4000)}` };
        }
      }
      return { accepted: true, result: { ...input, commits } };
    },
  });

  const criteria = task.criteria.map((c) => `- ${c.id ? `[${c.id}] ` : ""}${c.text}`).join("\n");
  const prompt = [
    `Project: ${context.project.name}${context.project.description ? ` — ${context.project.description}` : ""}`,
    `Ticket ${task.ticket.key}: ${task.ticket.title}`,
    task.ticket.description ?? "",
    criteria ? `Acceptance criteria (give a verdict for each; use the id in brackets as criterionId):\n${criteria}` : "",
    testCommand ? `The project's tests run with: ${testCommand}` : "The project has no test command; say in your verdicts how you checked the work.",
    `You are on branch ${task.branch}.`,
    task.specBranch
      ? `It starts from the spec branch ${task.specBranch} (origin/${task.specBranch}), which holds the merged work of this spec's finished tickets, including every ticket this one depends on: build on it. When you finish, the server merges your branch into it and runs the tests on the result.`
      : "",
    task.feedback
      ? `This is attempt ${task.attempt}. ${ownBranch ? "The previous attempt's work is on your branch. " : ""}It was sent back for this reason — address it:\n${task.feedback}`
      : "",
  ]
    .filter(Boolean)
    .join("\n\n");

  const result = await runAgentLoop({
    client: options.client,
    model: options.model,
    system: SYSTEM_PROMPT,
    tools: options.tools,
    terminalTools: [completeTask],
    initialMessage: prompt,
    maxTurns: options.maxTurns,
    timeoutMs: options.timeoutMs,
    maxRejections: MAX_COMPLETION_ATTEMPTS,
    signal: options.signal,
    onEvent: (event) => reporter.emit(event.type, event.data as never),
  });
  if (options.signal.aborted) return "stopped";
  if (result.status !== "terminal_accepted") {
    reporter.emit("task.failed", { reason: (result.error ?? `the agent stopped: ${result.status}`).slice(0, 4000) });
    return "failed";
  }
  const done = result.terminalResult as { summary: string; verdicts: z.infer<typeof verdictSchema>[]; commits: number };
  const log = await git("log", "--reverse", "--format=%H%x09%s", `${base}..HEAD`);
  for (const line of log.split("\n").filter(Boolean)) {
    const [sha, ...subject] = line.split("\t");
    reporter.emit("task.commit", { sha: sha!, message: subject.join("\t").slice(0, 4000) || "(no message)" });
  }
  reporter.emit("task.completed", { summary: done.summary, branch: task.branch, commits: done.commits, verdicts: done.verdicts });
  return "completed";
}
