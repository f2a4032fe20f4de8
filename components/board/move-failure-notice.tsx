"use client";

import { useId } from "react";
import { ApiError } from "@/lib/http/api-client";
import type { MoveTicketInput } from "@/lib/tickets/move-ticket-in-view";
import type { TicketStatusName } from "@/lib/tickets/ticket-status";
import { COLUMN_TITLES } from "@/components/board/board-scope";
import { errorMessage } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";

/** A move the server refused (or that never reached it). */
export interface MoveFailure {
  input: MoveTicketInput;
  ticketKey: string;
  /** The column the card was in, and is back in. */
  fromStatus: TicketStatusName;
  error: unknown;
}

/** A WIP-limit refusal (409 with the limit in its details) may be overridden; a refused transition may not. */
export function isWipLimitRefusal(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 409) return false;
  const details = error.details;
  return typeof details === "object" && details !== null && "wipLimit" in details && typeof details.wipLimit === "number";
}

/** What the board's live region says of a refused move: the server's own reason, and the way past a WIP limit. */
export function moveFailureAnnouncement({ input, ticketKey, error }: MoveFailure): string {
  const hint = isWipLimitRefusal(error) ? " Move anyway, above the board, moves it past the limit." : "";
  return `Could not move ${ticketKey} to ${COLUMN_TITLES[input.toStatus]}: ${errorMessage(error)}${hint}`;
}

/**
 * The refused move, shown above the board with the server's reason, *Move anyway* past a WIP limit, and Dismiss. Not
 * a live region itself: the board's announcer already says the same words once.
 */
export function MoveFailureNotice({ failure, onForce, onDismiss }: { failure: MoveFailure; onForce: () => void; onDismiss: () => void }) {
  const titleId = useId();
  return (
    <div role="group" aria-labelledby={titleId} className="flex items-start gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <div className="min-w-0 flex-1">
        <p id={titleId} className="font-medium">
          Could not move {failure.ticketKey} to {COLUMN_TITLES[failure.input.toStatus]}
        </p>
        <p className="mt-0.5">{errorMessage(failure.error)}</p>
      </div>
      <div className="flex shrink-0 gap-2">
        {isWipLimitRefusal(failure.error) ? (
          <Button size="sm" variant="secondary" onClick={onForce}>
            Move anyway
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
    </div>
  );
}
