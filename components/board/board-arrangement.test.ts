import { describe, expect, it } from "vitest";
import {
  arrangementOf,
  columnDropId,
  columnOf,
  dropInto,
  enterColumn,
  moveFor,
  statusOfColumnDropId,
  type Arrangement,
} from "@/components/board/board-arrangement";
import type { BoardView } from "@/lib/tickets/get-board-view";

const arrangement = (): Arrangement => ({ backlog: ["a", "b", "c"], analyzing: ["d"], building: [], testing: [], review: [], done: [] });

describe("board arrangement", () => {
  it("names column droppables so they never clash with ticket ids", () => {
    expect(columnDropId("testing")).toBe("column:testing");
    expect(statusOfColumnDropId("column:testing")).toBe("testing");
    expect(statusOfColumnDropId("column:nonsense")).toBeUndefined();
    expect(statusOfColumnDropId("a")).toBeUndefined();
  });

  it("reads the order of every column from a view, empty columns included", () => {
    const view = {
      projectId: "p",
      scope: "all",
      columns: [{ status: "analyzing", count: 1, wipLimit: null, tickets: [{ id: "x" }] }],
    } as unknown as BoardView;
    expect(arrangementOf(view)).toEqual({ backlog: [], analyzing: ["x"], building: [], testing: [], review: [], done: [] });
  });

  it("finds the column of a card or of a column droppable", () => {
    expect(columnOf(arrangement(), "b")).toBe("backlog");
    expect(columnOf(arrangement(), columnDropId("done"))).toBe("done");
    expect(columnOf(arrangement(), "zzz")).toBeUndefined();
  });

  it("enters another column next to the card it is over, or at its end", () => {
    expect(enterColumn(arrangement(), "a", "d", false).analyzing).toEqual(["a", "d"]);
    expect(enterColumn(arrangement(), "a", "d", true).analyzing).toEqual(["d", "a"]);
    const empty = enterColumn(arrangement(), "b", columnDropId("building"), false);
    expect(empty.building).toEqual(["b"]);
    expect(empty.backlog).toEqual(["a", "c"]);
    const same = arrangement();
    expect(enterColumn(same, "a", "c", false)).toBe(same);
  });

  it("drops over a card of the same column in that card's place", () => {
    expect(dropInto(arrangement(), "a", "c").backlog).toEqual(["b", "c", "a"]);
    expect(dropInto(arrangement(), "c", "a").backlog).toEqual(["c", "a", "b"]);
    const same = arrangement();
    expect(dropInto(same, "a", columnDropId("backlog"))).toBe(same);
  });

  it("asks for a move only when the card changed place", () => {
    const original = arrangement();
    expect(moveFor(original, original, "b")).toBeNull();
    expect(moveFor(enterColumn(original, "a", "d", false), original, "a")).toEqual({ ticketId: "a", toStatus: "analyzing", beforeTicketId: "d" });
    expect(moveFor(enterColumn(original, "a", "d", true), original, "a")).toEqual({ ticketId: "a", toStatus: "analyzing", beforeTicketId: null });
    expect(moveFor(dropInto(original, "a", "c"), original, "a")).toEqual({ ticketId: "a", toStatus: "backlog", beforeTicketId: null });
    expect(moveFor(original, original, "missing")).toBeNull();
  });
});
