import type { TicketDiffDto } from "@/lib/repos/diff-schemas";
import { Badge } from "@/components/ui/badge";

type TestRun = NonNullable<TicketDiffDto["lastTestRun"]>;

/** Who ran it matters: the server's run on the merged result is evidence; the agent's own run is its word. */
const SOURCE_LABELS: Record<TestRun["source"], string> = { integration: "Verified by the server: run on the merge", agent: "The agent says: its own run, in its sandbox" };

/** The last test run the server saw for the ticket's work: command, outcome, exit code and the output it kept. */
export function TicketTestRun({ run }: { run: TestRun | null }) {
  if (!run) return <p className="text-sm text-zinc-600">No test run recorded for this work yet.</p>;
  return (
    <section aria-labelledby="ticket-test-run" className="space-y-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id="ticket-test-run" className="font-semibold text-zinc-900">
          Last test run
        </h3>
        <Badge tone={run.passed ? "success" : "danger"}>
          <span aria-hidden className="mr-1">
            {run.passed ? "✓" : "✗"}
          </span>
          {run.passed ? "Passed" : "Failed"}
        </Badge>
        <span className="text-xs text-zinc-700">{SOURCE_LABELS[run.source]}</span>
        <span className="text-xs text-zinc-600">exit code {run.exitCode ?? "unknown"}</span>
        <time dateTime={run.at} className="text-xs text-zinc-600">
          {new Date(run.at).toLocaleString()}
        </time>
      </div>
      <p className="text-xs text-zinc-700">
        Command: <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-zinc-900">{run.command}</code>
      </p>
      {run.output ? (
        // Focusable so keyboard users can scroll a long output; labelled so the stop is announced as what it is.
        <pre
          tabIndex={0}
          aria-label="Test output"
          className="max-h-72 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap break-words text-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {run.output}
        </pre>
      ) : (
        <p className="text-xs text-zinc-600">No output was kept.</p>
      )}
    </section>
  );
}
