import { z } from "zod";

/*
 * What the ticket page tells apart: what the server verified itself (the commits it exported and counted, the tests
 * it ran on the merge, the merge it made) and what the ticket's agent claims (its summary, its own test run, its
 * verdict per acceptance criterion). Computed on the server (lib/tickets/read-ticket-evidence.ts) so the page never
 * reads meaning into the stored free-form JSON. Browser-safe.
 */

/** One verdict of the agent on one acceptance criterion, with what it offers as evidence. */
export const verdictClaimSchema = z.object({ met: z.boolean(), evidence: z.string() });

/** An acceptance criterion of the ticket's spec task (its own, or one of a requirement it serves) and the agent's verdict. */
export const ticketCriterionSchema = z.object({
  /** The spec's criterion id for a requirement's criterion (the agent names it in its verdict); null for the task's own. */
  id: z.string().nullable(),
  text: z.string(),
  /** The requirement it comes from (REQ-…); null for the task's own criteria. */
  requirement: z.string().nullable(),
  /** The agent's verdict in its latest report; null when it gave none for this criterion. */
  claim: verdictClaimSchema.nullable(),
});
export type TicketCriterion = z.infer<typeof ticketCriterionSchema>;

export const testRunSchema = z.object({ passed: z.boolean(), command: z.string(), exitCode: z.number().int().nullable(), at: z.string() });

/** Found by the server: its delivery of the latest delivered work, and — for a spec ticket — its merge and test run. */
export const ticketVerifiedSchema = z.object({
  /** Which run (1-based, as the page numbers them) delivered it. */
  run: z.number().int().min(1),
  /** The ticket branch the server exported from the sandbox and pushed, and the commit it delivered. */
  branch: z.string(),
  deliveredSha: z.string(),
  /** Commits on that branch that are not on its base, counted by the server in its mirror (null: a row from before it was kept). */
  commits: z.number().int().min(0).nullable(),
  /** The pull request the server opened for a quick ticket. */
  pullRequestUrl: z.string().nullable(),
  /** The spec branch's commit once the server merged this work and the tests passed on it; null until then. */
  integratedSha: z.string().nullable(),
  /** The project's tests the server ran, in an integration sandbox, on this delivery merged into the spec branch. */
  integrationTests: testRunSchema.extend({ candidate: z.string() }).nullable(),
});
export type TicketVerified = z.infer<typeof ticketVerifiedSchema>;

/** Said by the agent in its latest report: its words, its own test run in its sandbox, and its verdicts. */
export const ticketClaimsSchema = z.object({
  run: z.number().int().min(1),
  /** Markdown. */
  summary: z.string().nullable(),
  /** The agent's run of the project's tests in its sandbox (`task.tests_finished`). */
  tests: testRunSchema.nullable(),
  /** Verdicts on criteria the ticket does not list (a quick ticket has none: every verdict of its agent is here). */
  otherVerdicts: z.array(verdictClaimSchema.extend({ criterion: z.string() })),
});
export type TicketClaims = z.infer<typeof ticketClaimsSchema>;
