"use client";

import { PageLoadError } from "@/components/ui/page-load-error";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useSandboxDetail } from "@/hooks/api/use-tickets";
import type { SandboxSubject } from "@/lib/specs/sandbox-dto";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { LoadingBlock } from "@/components/ui/spinner";
import { PageHeader } from "@/components/shell/page-header";
import { EventTimeline } from "@/components/events/event-timeline";

const TONES = { creating: "accent", running: "accent", stopped: "success", lost: "warning", failed: "danger" } as const;
const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

const subjectHref = (subject: SandboxSubject) =>
  subject.kind === "ticket" ? `/projects/${subject.projectId}/tickets/${subject.ticketId}` : `/projects/${subject.projectId}/specs/${subject.specId}`;

/** The page's title in people's words: whose work this sandbox ran, not its id. */
function subjectTitle(purpose: "spec" | "task" | "integration", subject: SandboxSubject | null, startPhase: string | null): string {
  if (purpose === "integration") return subject?.kind === "ticket" ? `Integration tests for ${subject.key}` : "Integration tests";
  if (subject?.kind === "ticket") return `Agent run for ${subject.key}`;
  if (subject?.kind === "spec") return `Planning run of “${subject.title}” from ${startPhase ?? "the start"}`;
  return purpose === "spec" ? "Planning run" : "Agent run";
}

/** One sandbox: state, liveness, exit, the tail of its agent's output and its event timeline; live until it ends. */
export function SandboxView({ sandboxId }: { sandboxId: string }) {
  const sandbox = useSandboxDetail(sandboxId);
  const logRef = useRef<HTMLPreElement>(null);
  const logTail = sandbox.data?.logTail;
  // Follow the log's end as it grows, as `tail -f` would.
  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [logTail]);

  if (sandbox.isPending) return <LoadingBlock label="Loading the sandbox…" />;
  if (sandbox.isError) return <PageLoadError error={sandbox.error} what="Sandbox" backHref="/projects" backLabel="Back to projects" />;
  const s = sandbox.data;
  const live = s.status === "creating" || s.status === "running";
  const subject = s.subject;

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      {subject && (
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href={subjectHref(subject)} className="text-indigo-700 hover:underline">
            ← {subject.kind === "ticket" ? `${subject.key}: ${subject.title}` : subject.title}
          </Link>
        </nav>
      )}
      <PageHeader
        title={subjectTitle(s.purpose, subject, s.startPhase)}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone={TONES[s.status]}>{s.status}</Badge>
            <span>
              {s.provider} sandbox <span className="font-mono">{s.id}</span>
            </span>
          </span>
        }
      />
      <dl className="grid gap-x-6 gap-y-1 rounded-lg border border-zinc-200 bg-white p-3 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-zinc-500">Started</dt>
        <dd>{time(s.startedAt)}</dd>
        <dt className="text-zinc-500">Last heartbeat</dt>
        <dd>{time(s.lastHeartbeatAt)}</dd>
        <dt className="text-zinc-500">Ended</dt>
        <dd>{time(s.endedAt)}</dd>
        {s.exitCode !== null && (
          <>
            <dt className="text-zinc-500">Exit code</dt>
            <dd className="font-mono">{s.exitCode}</dd>
          </>
        )}
      </dl>
      {s.error && <Alert title="What went wrong">{s.error}</Alert>}
      <section aria-labelledby="sandbox-log" className="space-y-2">
        <h2 id="sandbox-log" className="text-sm font-semibold text-zinc-900">
          Log tail
        </h2>
        {logTail ? (
          <pre
            ref={logRef}
            tabIndex={0}
            aria-label="Agent log"
            className="max-h-80 overflow-auto rounded-lg bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {logTail}
          </pre>
        ) : (
          <p className="text-sm text-zinc-500">{live ? "No output yet." : "No log is kept for this sandbox any more."}</p>
        )}
      </section>
      <EventTimeline path={`/api/v1/sandboxes/${s.id}/events`} live={live} title="Sandbox events" />
      <p className="text-sm">
        <Link href="/projects" className="text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          Back to projects
        </Link>
      </p>
    </div>
  );
}
