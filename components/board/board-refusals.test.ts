import { describe, expect, it } from "vitest";
import type { BoardTicket, BoardView } from "@/lib/tickets/get-board-view";
import type { TicketStatusName } from "@/lib/tickets/ticket-status";
import { refusalNotice, refusalsFor } from "@/components/board/board-refusals";

const card = (id: string, status: TicketStatusName, extra: Partial<BoardTicket> = {}) =>
  ({ id, key: `OMOI-${id}`, status, integration: null, ...extra }) as BoardTicket;

/** A board filtered to one card per column: the counts are the whole columns, as the API sends them. */
const view = (): BoardView => ({
  projectId: "p",
  scope: "mine",
  columns: [
    { status: "backlog", count: 5, wipLimit: null, tickets: [card("1", "backlog")] },
    { status: "analyzing", count: 3, wipLimit: 3, tickets: [] },
    { status: "building", count: 0, wipLimit: 2, tickets: [] },
    { status: "testing", count: 1, wipLimit: null, tickets: [card("2", "testing", { integration: "review" })] },
    { status: "review", count: 0, wipLimit: null, tickets: [] },
    { status: "done", count: 0, wipLimit: null, tickets: [] },
  ],
});

describe("refusalsFor", () => {
  it("refuses what the status machine refuses, and a full column counted whole whatever the filter shows", () => {
    const board = view();
    const refusals = refusalsFor(board, board.columns[0]!.tickets[0]!);
    expect(refusals.backlog).toBeNull();
    // Analyzing shows no card under this filter, but holds 3 of its 3.
    expect(refusals.analyzing).toMatchObject({ kind: "wip_limit", reason: "WIP limit reached (3/3)", isForceable: true });
    expect(refusals.building?.kind).toBe("transition");
    expect(refusals.done?.reason).toBe("From Backlog, a card moves forward only to Analyzing, one column at a time");
  });

  it("refuses Review to work waiting for a reviewer, from the card's integration state", () => {
    const board = view();
    const refusals = refusalsFor(board, board.columns[3]!.tickets[0]!);
    expect(refusals.review).toMatchObject({ kind: "held", isForceable: false });
    expect(refusals.building).toBeNull();
    expect(refusals.backlog).toBeNull();
  });

  it("says how to go past a WIP limit, and nothing of the kind for a rule that holds", () => {
    const board = view();
    const refusals = refusalsFor(board, board.columns[0]!.tickets[0]!);
    expect(refusalNotice(refusals.analyzing!)).toBe(
      "Can't move here: WIP limit reached (3/3). Drop it here, then choose Move anyway to exceed the limit.",
    );
    expect(refusalNotice(refusals.done!)).toBe("Can't move here: From Backlog, a card moves forward only to Analyzing, one column at a time.");
  });
});
