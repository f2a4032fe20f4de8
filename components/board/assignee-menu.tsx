"use client";

import { Fragment, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { createPortal } from "react-dom";
import type { BoardTicket } from "@/lib/tickets/get-board-view";
import { useAssignTicket } from "@/hooks/api/use-assign-ticket";
import { useMe, useMembers } from "@/hooks/api/use-organizations";
import { useProjects } from "@/hooks/api/use-projects";
import { errorMessage } from "@/components/ui/api-error";

/** w-56: wide enough for a name, narrow enough to stay over its column. */
const MENU_WIDTH = 224;
/** Below this much room under the button, the menu opens above it. */
const ROOM_BELOW = 260;
const EDGE = 8;
const ITEM_SELECTOR = '[role^="menuitem"]:not([aria-disabled="true"])';

interface Choice {
  id: string;
  label: string;
  assigneeId: string | null;
  isChecked?: boolean;
  isDisabled: boolean;
}

interface Placement {
  container: HTMLElement;
  style: { left: number; top?: number; bottom?: number };
}

export interface AssigneeMenuProps {
  ticket: Pick<BoardTicket, "id" | "key" | "assigneeId">;
  projectId: string;
  anchor: RefObject<HTMLButtonElement | null>;
  /** Closes the menu; `returnFocus` puts focus back on its button (Escape, Tab, a choice made). */
  onClose: (returnFocus: boolean) => void;
}

/**
 * The card's assign menu: "Assign to me", the members of the project's organization (the only people the server
 * accepts), "Unassign". Mounted only while open, so a board of 500 cards holds no member list or mutation per card;
 * the project list, the members and the caller come from shared query keys. Fixed-positioned in a portal: a card
 * being sorted is transformed, and the board scrolls sideways, either of which would move or clip it.
 */
export function AssigneeMenu({ ticket, projectId, anchor, onClose }: AssigneeMenuProps) {
  const projects = useProjects();
  const orgId = projects.data?.find((project) => project.id === projectId)?.orgId;
  const members = useMembers(orgId);
  const me = useMe();
  const assign = useAssignTicket({ ticketId: ticket.id, projectId });
  const myId = me.data?.user.id;
  const popoverRef = useRef<HTMLDivElement>(null);
  const [placement, setPlacement] = useState<Placement | null>(null);

  const choices: Choice[] = [
    { id: "me", label: "Assign to me", assigneeId: myId ?? null, isDisabled: !myId || ticket.assigneeId === myId },
    ...(members.data ?? []).map((member) => ({
      id: member.userId,
      label: member.userId === myId ? `${member.name} (you)` : member.name,
      assigneeId: member.userId,
      isChecked: member.userId === ticket.assigneeId,
      isDisabled: false,
    })),
    { id: "none", label: "Unassign", assigneeId: null, isDisabled: ticket.assigneeId === null },
  ];

  useLayoutEffect(() => {
    const button = anchor.current;
    if (!button) return;
    const rect = button.getBoundingClientRect();
    const left = Math.min(Math.max(EDGE, rect.right - MENU_WIDTH), window.innerWidth - MENU_WIDTH - EDGE);
    const isAbove = window.innerHeight - rect.bottom < ROOM_BELOW && rect.top > window.innerHeight - rect.bottom;
    // Inside <main>, so the menu stays in the page's landmarks.
    const container = button.closest<HTMLElement>("main") ?? document.body;
    setPlacement({ container, style: isAbove ? { left, bottom: window.innerHeight - rect.top + 4 } : { left, top: rect.bottom + 4 } });
  }, [anchor]);

  const isPlaced = placement !== null;
  useEffect(() => {
    if (!isPlaced) return;
    const popover = popoverRef.current;
    const items = [...(popover?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? [])];
    (items.find((item) => item.getAttribute("aria-checked") === "true") ?? items[0] ?? popover?.querySelector<HTMLElement>('[role="menu"]'))?.focus();
  }, [isPlaced]);

  // A click elsewhere, a scroll or a resize closes the menu (it would no longer sit by its button).
  useEffect(() => {
    const isInside = (target: EventTarget | null) =>
      target instanceof Node && (popoverRef.current?.contains(target) || anchor.current?.contains(target));
    const onPointerDown = (event: PointerEvent) => {
      if (!isInside(event.target)) onClose(false);
    };
    const onScroll = (event: Event) => {
      if (!isInside(event.target)) onClose(false);
    };
    const onResize = () => onClose(false);
    document.addEventListener("pointerdown", onPointerDown, true);
    window.addEventListener("scroll", onScroll, true);
    window.addEventListener("resize", onResize);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown, true);
      window.removeEventListener("scroll", onScroll, true);
      window.removeEventListener("resize", onResize);
    };
  }, [anchor, onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      onClose(true);
      return;
    }
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>(ITEM_SELECTOR)];
    if (items.length === 0) return;
    const index = items.indexOf(document.activeElement as HTMLElement);
    const next =
      event.key === "ArrowDown" ? items[(index + 1) % items.length]
      : event.key === "ArrowUp" ? items[(index - 1 + items.length) % items.length]
      : event.key === "Home" ? items[0]
      : event.key === "End" ? items.at(-1)
      : undefined;
    if (!next) return;
    event.preventDefault();
    next.focus();
  };

  const choose = async (choice: Choice) => {
    if (choice.isDisabled || assign.isPending) return;
    if (choice.assigneeId === ticket.assigneeId) return onClose(true);
    try {
      // Resolves once the board has been fetched again, so the card already shows the new assignee.
      await assign.mutateAsync(choice.assigneeId);
      onClose(true);
    } catch {
      // Shown in the menu, which stays open.
    }
  };

  if (!placement) return null;
  return createPortal(
    <div
      ref={popoverRef}
      style={{ position: "fixed", width: MENU_WIDTH, ...placement.style }}
      className="z-50 rounded-md border border-zinc-200 bg-white p-1 text-sm shadow-lg"
    >
      <div role="menu" aria-label={`Assign ${ticket.key}`} aria-busy={assign.isPending || undefined} tabIndex={-1} onKeyDown={onKeyDown} className="max-h-64 overflow-y-auto focus:outline-none">
        {choices.map((choice, index) => (
          <Fragment key={choice.id}>
            {index === 1 || index === choices.length - 1 ? <div role="separator" className="my-1 border-t border-zinc-200" /> : null}
            <button
              type="button"
              role={choice.isChecked === undefined ? "menuitem" : "menuitemradio"}
              aria-checked={choice.isChecked}
              aria-disabled={choice.isDisabled || undefined}
              tabIndex={-1}
              onClick={() => void choose(choice)}
              className="flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-zinc-800 hover:bg-zinc-100 focus:bg-indigo-50 focus:outline-none focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 aria-disabled:cursor-not-allowed aria-disabled:text-zinc-500 aria-disabled:hover:bg-transparent"
            >
              <span aria-hidden className="w-3.5 shrink-0 text-indigo-700">
                {choice.isChecked ? "✓" : ""}
              </span>
              <span className="min-w-0 truncate">{choice.label}</span>
            </button>
          </Fragment>
        ))}
      </div>
      <MenuStatus isLoading={members.isPending || me.isPending} isAssigning={assign.isPending} loadError={members.error ?? me.error} assignError={assign.error} />
    </div>,
    placement.container,
  );
}

/** Loading, saving and errors, below the menu's items (a menu may hold only items). */
function MenuStatus({ isLoading, isAssigning, loadError, assignError }: { isLoading: boolean; isAssigning: boolean; loadError: unknown; assignError: unknown }) {
  return (
    <>
      <p role="status" className="px-2 text-xs text-zinc-600 empty:hidden">
        {isAssigning ? "Assigning…" : isLoading ? "Loading members…" : ""}
      </p>
      {loadError ? <p className="px-2 py-1 text-xs text-red-700">Could not load the members: {errorMessage(loadError)}</p> : null}
      {assignError ? (
        <p role="alert" className="px-2 py-1 text-xs text-red-700">
          {errorMessage(assignError)}
        </p>
      ) : null}
    </>
  );
}
