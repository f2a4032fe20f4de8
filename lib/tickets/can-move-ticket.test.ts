import { describe, expect, it } from "vitest";
import { explainMove, isHeldMove, type MoveFacts } from "@/lib/tickets/can-move-ticket";
import { TICKET_STATUSES, canMove } from "@/lib/tickets/ticket-status";

const facts = (overrides: Partial<MoveFacts>): MoveFacts => ({
  key: "OMOI-3",
  from: "backlog",
  to: "analyzing",
  integration: null,
  wipCount: 0,
  wipLimit: null,
  ...overrides,
});

describe("explainMove", () => {
  it("allows what the status machine allows, and nothing else, with the reason a person can act on", () => {
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        const refusal = explainMove(facts({ from, to }));
        expect(refusal === null, `${from} → ${to}`).toBe(canMove(from, to));
        if (refusal) expect(refusal).toMatchObject({ kind: "transition", isForceable: false, details: { from, to } });
      }
    }
    expect(explainMove(facts({ from: "backlog", to: "done" }))).toMatchObject({
      reason: "From Backlog, a card moves forward only to Analyzing, one column at a time",
      message: "A ticket cannot move from Backlog to Done. From Backlog, a card moves forward only to Analyzing, one column at a time.",
      details: { allowed: ["analyzing"] },
    });
    expect(explainMove(facts({ from: "done", to: "testing" }))?.reason).toBe("A done ticket only reopens to Backlog");
    expect(explainMove(facts({ from: "review", to: "testing" }))?.reason).toBe("From Review, a card goes back only to Building or Backlog");
  });

  it("refuses a hand move into Review, or from Review to Done, while the work waits for a reviewer or the merge", () => {
    for (const integration of ["review", "queued", "integrating"] as const) {
      const intoReview = explainMove(facts({ from: "testing", to: "review", integration }));
      expect(intoReview).toMatchObject({ kind: "held", isForceable: false, details: { from: "testing", to: "review", integration } });
      expect(intoReview!.message).toMatch(/^OMOI-3's work is .+; approve it or request changes on the ticket page, and its card moves by itself$/);
      expect(explainMove(facts({ from: "review", to: "done", integration }))?.kind).toBe("held");
    }
    expect(explainMove(facts({ from: "testing", to: "review", integration: "review" }))?.reason).toBe(
      "Its work is waiting for a reviewer; approve it or request changes on the ticket page",
    );
    // Integrated work, no work at all, and the moves the rule is not about stay a person's to make.
    expect(explainMove(facts({ from: "review", to: "done", integration: "integrated" }))).toBeNull();
    expect(explainMove(facts({ from: "testing", to: "review", integration: null }))).toBeNull();
    expect(explainMove(facts({ from: "review", to: "building", integration: "review" }))).toBeNull();
    expect(explainMove(facts({ from: "review", to: "review", integration: "review" }))).toBeNull();
    expect(isHeldMove("testing", "review")).toBe(true);
    expect(isHeldMove("review", "done")).toBe(true);
    expect(isHeldMove("review", "backlog")).toBe(false);
  });

  it("refuses a full column unless forced, counting the whole column", () => {
    const full = explainMove(facts({ to: "analyzing", wipCount: 3, wipLimit: 3 }));
    expect(full).toEqual({
      kind: "wip_limit",
      reason: "WIP limit reached (3/3)",
      message: "The analyzing column is at its WIP limit (3); move with force to exceed it",
      isForceable: true,
      details: { wipLimit: 3, count: 3 },
    });
    expect(explainMove(facts({ wipCount: 4, wipLimit: 3 }))?.reason).toBe("WIP limit reached (4/3)");
    expect(explainMove(facts({ wipCount: 3, wipLimit: 3, force: true }))).toBeNull();
    expect(explainMove(facts({ wipCount: 2, wipLimit: 3 }))).toBeNull();
    expect(explainMove(facts({ wipCount: 50, wipLimit: null }))).toBeNull();
    // Reordering inside a full column is no move into it.
    expect(explainMove(facts({ from: "analyzing", to: "analyzing", wipCount: 3, wipLimit: 3 }))).toBeNull();
  });

  it("names the first rule a move breaks: the machine, then held work, then the WIP limit", () => {
    expect(explainMove(facts({ from: "backlog", to: "review", integration: "review", wipCount: 9, wipLimit: 1 }))?.kind).toBe("transition");
    expect(explainMove(facts({ from: "testing", to: "review", integration: "review", wipCount: 9, wipLimit: 1 }))?.kind).toBe("held");
  });
});
