import type { ParsedVerdict } from "@/lib/tickets/parse-task-result";
import type { TicketClaims, TicketCriterion } from "@/lib/tickets/ticket-evidence-schemas";

type Criterion = Omit<TicketCriterion, "claim">;

const normalize = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Pairs the agent's verdicts with the ticket's criteria, so each criterion is listed once with its claim: by the
 * criterion id the agent was given (a requirement's criteria), else by the same text (the task's own criteria have no
 * id). The first verdict for a criterion counts. Verdicts that match none are returned apart, never dropped.
 */
export function matchVerdicts(criteria: readonly Criterion[], verdicts: readonly ParsedVerdict[]): { criteria: TicketCriterion[]; otherVerdicts: TicketClaims["otherVerdicts"] } {
  const used = new Set<number>();
  const take = (index: number) => {
    if (index < 0 || used.has(index)) return null;
    used.add(index);
    return { met: verdicts[index]!.met, evidence: verdicts[index]!.evidence };
  };
  const matched = criteria.map((criterion) => {
    const byId = criterion.id ? verdicts.findIndex((v, i) => !used.has(i) && v.criterionId === criterion.id) : -1;
    const index = byId >= 0 ? byId : verdicts.findIndex((v, i) => !used.has(i) && normalize(v.criterion) === normalize(criterion.text));
    return { ...criterion, claim: take(index) };
  });
  const otherVerdicts = verdicts.filter((_, i) => !used.has(i)).map((v) => ({ criterion: v.criterion, met: v.met, evidence: v.evidence }));
  return { criteria: matched, otherVerdicts };
}
