import { describe, expect, it } from "vitest";
import type { Active, Over } from "@dnd-kit/core";
import type { BoardTicket, BoardView } from "@/lib/tickets/get-board-view";
import { boardAnnouncements, type BoardDragState } from "@/components/board/board-announcements";
import { refusalsFor } from "@/components/board/board-refusals";

const ticket = { id: "a", key: "OMOI-3", title: "Parse", status: "backlog", integration: null } as BoardTicket;
const view: BoardView = {
  projectId: "p",
  scope: "all",
  columns: [
    { status: "backlog", count: 1, wipLimit: null, tickets: [ticket] },
    { status: "analyzing", count: 1, wipLimit: 1, tickets: [] },
    { status: "building", count: 0, wipLimit: null, tickets: [] },
    { status: "testing", count: 0, wipLimit: null, tickets: [] },
    { status: "review", count: 0, wipLimit: null, tickets: [] },
    { status: "done", count: 0, wipLimit: null, tickets: [] },
  ],
};

const active = { id: "a" } as Active;
const over = (id: string) => ({ id }) as Over;

function announcer(overrides: Partial<BoardDragState> = {}) {
  const state: BoardDragState = { view, ticketsById: new Map([["a", ticket]]), arrangement: null, refusals: refusalsFor(view, ticket), drop: null, ...overrides };
  return { state, announcements: boardAnnouncements(() => state) };
}

describe("board announcements", () => {
  it("says why the column under the card refuses it, before the drop", () => {
    const { announcements } = announcer();
    announcements.onDragStart({ active });
    expect(announcements.onDragOver({ active, over: over("column:done") })).toBe(
      "OMOI-3 (Parse) is over Done. Can't move here: From Backlog, a card moves forward only to Analyzing, one column at a time.",
    );
    expect(announcements.onDragOver({ active, over: over("column:analyzing") })).toMatch(/is over Analyzing\. Can't move here: WIP limit reached \(1\/1\)\. .*Move anyway/);
    expect(announcements.onDragOver({ active, over: over("column:backlog") })).toBe("OMOI-3 (Parse) is over Backlog, position 1 of 1.");
  });

  it("never claims a move the server has not accepted: a drop that sends one says it is under way", () => {
    const { state, announcements } = announcer();
    state.drop = { from: "backlog", to: "done" };
    expect(announcements.onDragEnd({ active, over: over("column:done") })).toBe(
      "Moving OMOI-3 (Parse) to Done…",
    );
    state.drop = null;
    expect(announcements.onDragEnd({ active, over: over("a") })).toBe(
      "OMOI-3 (Parse) was dropped where it was; nothing moved.",
    );
  });
});
