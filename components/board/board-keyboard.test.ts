import { describe, expect, it } from "vitest";
import type { ClientRect, SensorContext, UniqueIdentifier } from "@dnd-kit/core";
import { columnDropId } from "@/components/board/board-arrangement";
import { boardKeyboardCoordinates } from "@/components/board/board-keyboard";

const rect = (left: number, top: number, width = 200, height = 80): ClientRect => ({
  left,
  top,
  width,
  height,
  right: left + width,
  bottom: top + height,
});

/** Two columns 220 px apart; backlog holds a, b, c (80 px cards, 8 px apart), analyzing holds d. */
function contextFor(activeId: string, activeColumn: string, collisionRect: ClientRect): SensorContext {
  const rects = new Map<UniqueIdentifier, ClientRect>([
    [columnDropId("backlog"), rect(0, 0, 216, 400)],
    [columnDropId("analyzing"), rect(220, 0, 216, 400)],
    ["a", rect(8, 36)],
    ["b", rect(8, 124)],
    ["c", rect(8, 212)],
    ["d", rect(228, 36)],
  ]);
  const sortable = (id: string, containerId: string) => ({ id, data: { current: { sortable: { containerId, index: 0, items: [] } } } });
  const containers = [
    { id: columnDropId("backlog"), data: { current: {} } },
    { id: columnDropId("analyzing"), data: { current: {} } },
    sortable("a", "backlog"),
    sortable("b", "backlog"),
    sortable("c", "backlog"),
    sortable("d", "analyzing"),
  ];
  return {
    active: { id: activeId, data: { current: { sortable: { containerId: activeColumn, index: 0, items: [] } } }, rect: { current: {} } },
    collisionRect,
    droppableRects: rects,
    droppableContainers: { getEnabled: () => containers },
  } as unknown as SensorContext;
}

const press = (code: string, context: SensorContext) =>
  boardKeyboardCoordinates(new KeyboardEventLike(code) as unknown as KeyboardEvent, {
    active: "x",
    currentCoordinates: { x: context.collisionRect!.left, y: context.collisionRect!.top },
    context,
  });

class KeyboardEventLike {
  defaultPrevented = false;
  constructor(readonly code: string) {}
  preventDefault() {
    this.defaultPrevented = true;
  }
}

describe("boardKeyboardCoordinates", () => {
  it("moves to the neighbouring column at the same height", () => {
    expect(press("ArrowRight", contextFor("b", "backlog", rect(8, 124)))).toEqual({ x: 228, y: 124 });
    expect(press("ArrowLeft", contextFor("d", "analyzing", rect(228, 36)))).toEqual({ x: 8, y: 36 });
  });

  it("stays inside the target column when the card is lower than that column", () => {
    expect(press("ArrowRight", contextFor("c", "backlog", rect(8, 380)))).toEqual({ x: 228, y: 320 });
  });

  it("does nothing past the first or last column", () => {
    expect(press("ArrowLeft", contextFor("a", "backlog", rect(8, 36)))).toBeUndefined();
    expect(press("ArrowRight", contextFor("x", "done", rect(900, 36)))).toBeUndefined();
  });

  it("moves up and down through the cards of its own column, not onto the column", () => {
    expect(press("ArrowDown", contextFor("a", "backlog", rect(8, 36)))).toEqual({ x: 8, y: 124 });
    expect(press("ArrowUp", contextFor("b", "backlog", rect(8, 124)))).toEqual({ x: 8, y: 36 });
    expect(press("ArrowUp", contextFor("a", "backlog", rect(8, 36)))).toBeUndefined();
    expect(press("ArrowDown", contextFor("c", "backlog", rect(8, 212)))).toBeUndefined();
  });

  it("ignores other keys", () => {
    expect(press("KeyA", contextFor("a", "backlog", rect(8, 36)))).toBeUndefined();
  });
});
