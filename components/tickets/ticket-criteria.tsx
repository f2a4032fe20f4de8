import type { TicketCriterion } from "@/lib/tickets/ticket-evidence-schemas";

/**
 * The ticket's acceptance criteria, listed once, each with the agent's verdict on it — its claim, with its evidence.
 * Whether the work holds is what the server verified apart (its test run on the merge); this list is the agent's word.
 */
export function TicketCriteria({ criteria }: { criteria: readonly TicketCriterion[] }) {
  const claimed = criteria.filter((c) => c.claim).length;
  return (
    <section aria-labelledby="ticket-criteria" className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <h2 id="ticket-criteria" className="text-sm font-semibold text-zinc-900">
          Acceptance criteria
        </h2>
        <p className="text-xs text-zinc-600">
          {claimed === 0 ? "No verdicts from the agent yet" : `Verdicts: what the agent says (${criteria.filter((c) => c.claim?.met).length} of ${criteria.length} met)`}
        </p>
      </div>
      <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white text-sm">
        {criteria.map((criterion, index) => (
          <li key={criterion.id ?? `own-${index}`} className="space-y-1 px-3 py-2">
            <div className="flex items-start gap-2">
              <ClaimMark claim={criterion.claim} />
              <p className="min-w-0 flex-1 text-zinc-900">{criterion.text}</p>
              {criterion.requirement ? <span className="shrink-0 font-mono text-xs text-zinc-600">{criterion.requirement}</span> : null}
            </div>
            {criterion.claim ? (
              <p className="pl-6 text-xs text-zinc-700">
                <span className="font-medium">The agent says {criterion.claim.met ? "it is met" : "it is not met"}</span>
                {criterion.claim.evidence ? `: ${criterion.claim.evidence}` : null}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** ✓ claimed met, ✗ claimed not met, ○ no verdict; the words are for screen readers. */
export function ClaimMark({ claim }: { claim: { met: boolean } | null }) {
  if (!claim) {
    return (
      <span aria-label="no verdict" role="img" className="w-4 shrink-0 text-center text-zinc-500">
        ○
      </span>
    );
  }
  return (
    <span aria-label={claim.met ? "claimed met" : "claimed not met"} role="img" className={`w-4 shrink-0 text-center ${claim.met ? "text-emerald-700" : "text-red-700"}`}>
      {claim.met ? "✓" : "✗"}
    </span>
  );
}
