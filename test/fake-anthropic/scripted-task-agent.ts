import type { FakeStep, RecordedRequest } from "@/test/fake-anthropic/fake-anthropic-server";

/**
 * A scripted coding agent for ticket work, realistic enough to exercise integrated delivery: it works with git the
 * way a model would through run_command — edits files with shell commands, commits, and, when its work is sent back
 * (a merge conflict, failing integrated tests, review comments), rebases onto the spec branch and resolves.
 *
 * A ticket's script is chosen by its title's first word ("A:", "B:" …). Each step is one run_command; after the
 * last, it commits (when `commit` is set) and calls complete_task with a verdict per criterion. Called again after
 * the harness refused a completion, it calls complete_task again.
 */
export interface TicketScript {
  /** First attempt: shell commands, one step each, in the workspace (on the ticket's branch); $SPEC_BRANCH is replaced. */
  work: string[];
  /** A sent-back attempt: the commands for the feedback (default: rebase onto the spec branch, nothing to resolve). */
  onFeedback?: (feedback: string, specBranch: string) => string[];
  /** Commit message; the commit is `git add -A && git commit`. */
  message?: string;
}

type Block = { type: string; name?: string; text?: string; input?: unknown };
type Message = { role: string; content: string | Block[] };

export function scriptedTaskAgent(scripts: Record<string, TicketScript>): (request: RecordedRequest) => FakeStep {
  return (request) => {
    const messages: Message[] = request.body?.messages ?? [];
    const prompt = textOf(messages[0]);
    const key = /Ticket ([A-Z]+-\d+): (\S+)/.exec(prompt);
    const script = scripts[key?.[2] ?? ""] ?? { work: [] };
    const specBranch = /spec branch (\S+) \(origin\//.exec(prompt)?.[1] ?? "";
    const feedback = /It was sent back for this reason — address it:\n([\s\S]*)$/.exec(prompt)?.[1];
    const commands = (feedback !== undefined ? (script.onFeedback ?? rebaseOnto)(feedback, specBranch) : script.work).map((c) => c.replaceAll("$SPEC_BRANCH", specBranch));
    const steps = [
      ...commands,
      ...(feedback === undefined || script.onFeedback ? [`git add -A && git commit -q -m ${JSON.stringify(`${key?.[1]}: ${script.message ?? "work"}`)} || true`] : []),
    ];
    const done = messages.filter((m) => m.role === "assistant").length;
    if (done < steps.length) return { content: [{ type: "tool_use", name: "run_command", input: { command: steps[done] } }] };
    return { content: [{ type: "tool_use", name: "complete_task", input: { summary: `Implemented ${key?.[1]}`, verdicts: verdictsOf(prompt.split(/\nThis is attempt \d+\./)[0]!) } }] };
  };
}

/** What a model does with a conflict report: rebase onto the spec branch; `resolve` writes the merged files. */
export function rebaseOnto(_feedback: string, specBranch: string, resolve: string[] = []): string[] {
  return [
    `git rebase origin/${specBranch} || true`,
    ...resolve,
    "git add -A && (GIT_EDITOR=true git rebase --continue || true)",
  ];
}

function verdictsOf(prompt: string) {
  return [...prompt.matchAll(/^- (?:\[([a-z0-9]{20,})\] )?(.+)$/gm)].slice(0, 100).map(([, id, text]) => ({
    ...(id ? { criterionId: id } : {}),
    criterion: text!.slice(0, 1000),
    met: true,
    evidence: "node --test passes",
  }));
}

function textOf(message: Message | undefined): string {
  if (!message) return "";
  return typeof message.content === "string" ? message.content : message.content.map((block) => block.text ?? "").join("\n");
}
