import { describe, expect, it } from "vitest";
import type { BoardTicket, BoardView } from "@/lib/tickets/get-board-view";
import type { TicketStatusName } from "@/lib/tickets/ticket-status";
import { moveTicketInView } from "@/lib/tickets/move-ticket-in-view";

const ticket = (id: string, status: TicketStatusName, position: number): BoardTicket => ({
  id,
  projectId: "p1",
  key: `OM-${id}`,
  number: position,
  title: `Ticket ${id}`,
  status,
  isBlocked: false,
  blockedReason: null,
  priority: "MEDIUM",
  position,
  userId: "u1",
  assigneeId: null,
  specId: null,
  specTaskId: null,
  dependencyCount: 0,
  running: false,
  assigneeName: null,
  integration: null,
});

const view = (): BoardView => ({
  projectId: "p1",
  scope: "all",
  columns: [
    { status: "backlog", count: 3, wipLimit: null, tickets: [ticket("a", "backlog", 1), ticket("b", "backlog", 2), ticket("c", "backlog", 3)] },
    { status: "analyzing", count: 2, wipLimit: 2, tickets: [ticket("d", "analyzing", 1), ticket("e", "analyzing", 2)] },
    { status: "building", count: 0, wipLimit: null, tickets: [] },
    { status: "testing", count: 1, wipLimit: null, tickets: [ticket("f", "testing", 1)] },
    { status: "review", count: 1, wipLimit: null, tickets: [ticket("g", "review", 1)] },
    { status: "done", count: 0, wipLimit: null, tickets: [] },
  ],
});

const ids = (board: BoardView, status: TicketStatusName) => board.columns.find((c) => c.status === status)!.tickets.map((t) => t.id);
const column = (board: BoardView, status: TicketStatusName) => board.columns.find((c) => c.status === status)!;

describe("moveTicketInView", () => {
  it("moves a card to the end of another column and updates both counts", () => {
    const before = view();
    const after = moveTicketInView(before, { ticketId: "a", toStatus: "analyzing", beforeTicketId: null });
    expect(ids(after, "backlog")).toEqual(["b", "c"]);
    expect(ids(after, "analyzing")).toEqual(["d", "e", "a"]);
    expect(column(after, "backlog").count).toBe(2);
    expect(column(after, "analyzing").count).toBe(3);
    const moved = column(after, "analyzing").tickets[2]!;
    expect(moved.status).toBe("analyzing");
    expect(moved.position).toBe(3);
  });

  it("places a card before the given ticket, between its neighbours' positions", () => {
    const after = moveTicketInView(view(), { ticketId: "b", toStatus: "analyzing", beforeTicketId: "e" });
    expect(ids(after, "analyzing")).toEqual(["d", "b", "e"]);
    expect(column(after, "analyzing").tickets[1]!.position).toBe(1.5);
  });

  it("places a card before the first ticket below its position", () => {
    const after = moveTicketInView(view(), { ticketId: "c", toStatus: "analyzing", beforeTicketId: "d" });
    expect(ids(after, "analyzing")).toEqual(["c", "d", "e"]);
    expect(column(after, "analyzing").tickets[0]!.position).toBe(0);
  });

  it("reorders within a column without changing its count", () => {
    const after = moveTicketInView(view(), { ticketId: "c", toStatus: "backlog", beforeTicketId: "a" });
    expect(ids(after, "backlog")).toEqual(["c", "a", "b"]);
    expect(column(after, "backlog").count).toBe(3);
    const last = moveTicketInView(view(), { ticketId: "a", toStatus: "backlog", beforeTicketId: null });
    expect(ids(last, "backlog")).toEqual(["b", "c", "a"]);
    expect(column(last, "backlog").tickets[2]!.position).toBe(4);
  });

  it("moves into an empty column", () => {
    const after = moveTicketInView(view(), { ticketId: "d", toStatus: "building", beforeTicketId: null });
    expect(ids(after, "building")).toEqual(["d"]);
    expect(column(after, "building").count).toBe(1);
    expect(column(after, "analyzing").count).toBe(1);
  });

  it("moves through Review, the column between Testing and Done, like any other", () => {
    const reviewed = moveTicketInView(view(), { ticketId: "f", toStatus: "review", beforeTicketId: "g" });
    expect(ids(reviewed, "testing")).toEqual([]);
    expect(ids(reviewed, "review")).toEqual(["f", "g"]);
    expect(column(reviewed, "review").count).toBe(2);
    const done = moveTicketInView(reviewed, { ticketId: "g", toStatus: "done", beforeTicketId: null });
    expect(ids(done, "review")).toEqual(["f"]);
    expect(column(done, "done").tickets[0]).toMatchObject({ id: "g", status: "done", position: 1 });
  });

  it("goes to the end when the ticket to place before is not in the target column", () => {
    const after = moveTicketInView(view(), { ticketId: "a", toStatus: "analyzing", beforeTicketId: "gone" });
    expect(ids(after, "analyzing")).toEqual(["d", "e", "a"]);
  });

  it("keeps untouched columns and cards identical, and the view itself when the ticket is not on it", () => {
    const before = view();
    const after = moveTicketInView(before, { ticketId: "a", toStatus: "analyzing", beforeTicketId: null });
    expect(column(after, "building")).toBe(column(before, "building"));
    expect(column(after, "backlog").tickets[0]).toBe(column(before, "backlog").tickets[1]);
    expect(column(after, "analyzing").tickets[0]).toBe(column(before, "analyzing").tickets[0]);
    expect(moveTicketInView(before, { ticketId: "nope", toStatus: "done", beforeTicketId: null })).toBe(before);
  });

  it("does not mutate the view it is given", () => {
    const before = view();
    const snapshot = structuredClone(before);
    moveTicketInView(before, { ticketId: "a", toStatus: "analyzing", beforeTicketId: "d" });
    expect(before).toEqual(snapshot);
  });
});
