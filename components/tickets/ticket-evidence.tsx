import type { ReactNode } from "react";
import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";
import type { TicketClaims, TicketVerified } from "@/lib/tickets/ticket-evidence-schemas";
import { shortSha } from "@/components/diff/diff-format";
import { Markdown } from "@/components/ui/markdown";
import { deliveryState } from "./delivery-state";
import { ClaimMark } from "./ticket-criteria";

const time = (iso: string) => new Date(iso).toLocaleString();
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * Two panels side by side, never mixed: what the server verified itself (the commits it exported and counted, the
 * merge it made, the tests it ran on the merge) and what the agent says (its summary, its own test run, its verdicts).
 */
export function TicketEvidence({ detail }: { detail: TicketDetail }) {
  const { verified, claims, spec, tasks } = detail;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Panel id="ticket-verified" title="Verified by the server" tone="verified">
        <Verified verified={verified} spec={spec} latest={tasks.at(-1)} />
      </Panel>
      <Panel id="ticket-claims" title="The agent says" tone="claims">
        <Claims claims={claims} />
      </Panel>
    </div>
  );
}

function Panel({ id, title, tone, children }: { id: string; title: string; tone: "verified" | "claims"; children: ReactNode }) {
  const border = tone === "verified" ? "border-emerald-200" : "border-zinc-200";
  return (
    <section aria-labelledby={id} className={`min-w-0 space-y-2 rounded-lg border bg-white p-3 text-sm ${border}`}>
      <h2 id={id} className="flex items-center gap-2 text-sm font-semibold text-zinc-900">
        <span aria-hidden className={tone === "verified" ? "text-emerald-700" : "text-zinc-500"}>
          {tone === "verified" ? "✓" : "“"}
        </span>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-600">{label}</dt>
      <dd className="min-w-0 break-words text-zinc-900">{children}</dd>
    </>
  );
}

function Verified({ verified, spec, latest }: { verified: TicketVerified | null; spec: TicketDetail["spec"]; latest: TicketDetail["tasks"][number] | undefined }) {
  if (!verified) return <p className="text-zinc-600">Nothing delivered yet. The server checks the agent&apos;s work when it delivers it: the commits, then — for a spec ticket — the merge and the tests on it.</p>;
  const state = deliveryState(latest, spec?.branch ?? null);
  const tests = verified.integrationTests;
  return (
    <dl className="grid grid-cols-[7rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-xs">
      <Fact label="Delivered">
        {verified.commits !== null ? `${plural(verified.commits, "commit")} on ` : "On "}
        <code className="break-all font-mono">{verified.branch}</code> at <code className="font-mono">{shortSha(verified.deliveredSha)}</code>
        <span className="text-zinc-600"> (run {verified.run}; exported from its sandbox and counted by the server)</span>
      </Fact>
      {verified.pullRequestUrl ? (
        <Fact label="Pull request">
          <a href={verified.pullRequestUrl} target="_blank" rel="noreferrer" className="break-all text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
            {verified.pullRequestUrl}
          </a>
        </Fact>
      ) : null}
      {spec ? (
        <>
          <Fact label="Merge">
            {verified.integratedSha ? (
              <>
                Merged into <code className="break-all font-mono">{spec.branch ?? "the spec branch"}</code> at <code className="font-mono">{shortSha(verified.integratedSha)}</code>
              </>
            ) : (
              (state ?? "Not merged into the spec branch")
            )}
          </Fact>
          <Fact label="Tests on the merge">
            {tests ? (
              <>
                <span className={tests.passed ? "font-medium text-emerald-800" : "font-medium text-red-700"}>{tests.passed ? "✓ Passed" : "✗ Failed"}</span>{" "}
                <code className="break-all font-mono">{tests.command}</code> on <code className="font-mono">{shortSha(tests.candidate)}</code>
                {!tests.passed && tests.exitCode !== null ? `, exit code ${tests.exitCode}` : ""}
                <span className="text-zinc-600"> · {time(tests.at)}</span>
              </>
            ) : latest?.integration === "integrating" ? (
              "Running now in an integration sandbox"
            ) : (
              "Not run on this delivery yet"
            )}
          </Fact>
        </>
      ) : (
        <Fact label="Merge">Not merged by the server: a quick ticket&apos;s work goes to its own branch{verified.pullRequestUrl ? " and pull request" : ""}.</Fact>
      )}
    </dl>
  );
}

function Claims({ claims }: { claims: TicketClaims | null }) {
  if (!claims) return <p className="text-zinc-600">No report from the agent yet.</p>;
  return (
    <div className="space-y-2">
      <p className="text-xs text-zinc-600">From run {claims.run}: its own words, not checked by the server.</p>
      {claims.summary ? <Markdown className="text-sm text-zinc-800">{claims.summary}</Markdown> : <p className="text-zinc-600">No summary.</p>}
      <p className="text-xs text-zinc-800">
        <span className="font-medium">Its test run, in its sandbox: </span>
        {claims.tests ? (
          <>
            {claims.tests.passed ? "passed" : "failed"} <code className="font-mono">{claims.tests.command}</code>
            {claims.tests.exitCode !== null ? ` (exit code ${claims.tests.exitCode})` : ""}
          </>
        ) : (
          "none reported"
        )}
      </p>
      {claims.otherVerdicts.length > 0 ? (
        <div>
          <h3 className="text-xs font-medium text-zinc-800">Its checks</h3>
          <ul className="mt-1 space-y-1 text-xs">
            {claims.otherVerdicts.map((verdict, index) => (
              <li key={index} className="flex gap-2">
                <ClaimMark claim={verdict} />
                <span className="min-w-0 text-zinc-900">
                  {verdict.criterion}
                  {verdict.evidence ? <span className="text-zinc-600"> — {verdict.evidence}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
