import { closestCorners, pointerWithin, rectIntersection, type CollisionDetection } from "@dnd-kit/core";
import { statusOfColumnDropId } from "@/components/board/board-arrangement";

/**
 * Cards under the pointer win over the column around them. Without a pointer (keyboard), the middle of the dragged
 * card stands in for it, and nothing under it means the nearest droppable. With a pointer over no column (a gap, the
 * page header), the column the dragged card overlaps most; over nothing at all, the drop is no move.
 */
export const boardCollisionDetection: CollisionDetection = (args) => {
  const { collisionRect, pointerCoordinates } = args;
  const point = pointerCoordinates ?? {
    x: collisionRect.left + collisionRect.width / 2,
    y: collisionRect.top + collisionRect.height / 2,
  };
  const within = pointerWithin({ ...args, pointerCoordinates: point });
  if (within.length > 0) {
    const card = within.find((collision) => !statusOfColumnDropId(collision.id));
    return card ? [card] : within;
  }
  return pointerCoordinates ? rectIntersection(args) : closestCorners(args);
};
