import { KeyboardCode, type ClientRect, type KeyboardCoordinateGetter } from "@dnd-kit/core";
import { hasSortableData } from "@dnd-kit/sortable";
import { TICKET_STATUSES } from "@/lib/projects/project-schemas";
import { columnDropId, statusOfColumnDropId } from "@/components/board/board-arrangement";

const COLUMN_PADDING = 8;

/**
 * Where the arrow keys take a picked-up card. Left/Right: the neighbouring column, at the same height (onto the card
 * there, or below the last one). Up/Down: the previous/next card of the same column. dnd-kit's generic
 * sortableKeyboardCoordinates picks "the nearest droppable in that direction", which with whole columns as droppables
 * can choose the column itself over the card just above.
 */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const { active, collisionRect, droppableRects, droppableContainers } = context;
  const code = event.code;
  if (code !== KeyboardCode.Left && code !== KeyboardCode.Right && code !== KeyboardCode.Up && code !== KeyboardCode.Down) return undefined;
  event.preventDefault();
  if (!active || !collisionRect || !hasSortableData(active)) return undefined;
  const column = TICKET_STATUSES.find((status) => status === String(active.data.current.sortable.containerId));
  if (!column) return undefined;

  if (code === KeyboardCode.Left || code === KeyboardCode.Right) {
    const next = TICKET_STATUSES[TICKET_STATUSES.indexOf(column) + (code === KeyboardCode.Right ? 1 : -1)];
    const rect = next ? droppableRects.get(columnDropId(next)) : undefined;
    if (!rect) return undefined;
    const lowest = Math.max(rect.top, rect.top + rect.height - collisionRect.height);
    return { x: rect.left + COLUMN_PADDING, y: Math.min(Math.max(collisionRect.top, rect.top), lowest) };
  }

  // The cards of this column (the picked-up one included: going back up returns it to where it started).
  const rects: ClientRect[] = [];
  for (const container of droppableContainers.getEnabled()) {
    if (statusOfColumnDropId(container.id) || !hasSortableData(container)) continue;
    if (String(container.data.current.sortable.containerId) !== column) continue;
    const rect = droppableRects.get(container.id);
    if (rect) rects.push(rect);
  }
  const candidates =
    code === KeyboardCode.Up
      ? rects.filter((rect) => rect.top < collisionRect.top).sort((a, b) => b.top - a.top)
      : rects.filter((rect) => rect.top > collisionRect.top).sort((a, b) => a.top - b.top);
  const target = candidates[0];
  return target ? { x: collisionRect.left, y: target.top } : undefined;
};
