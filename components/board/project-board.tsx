"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { BoardTicket } from "@/lib/tickets/get-board-view";
import { useBoardSpecs, useBoardView, useMoveTicket } from "@/hooks/api/use-board";
import { useProjects } from "@/hooks/api/use-projects";
import { Board } from "@/components/board/board";
import { BoardFilters } from "@/components/board/board-filters";
import { COLUMN_TITLES, parseBoardScope } from "@/components/board/board-scope";
import { moveFailureAnnouncement, MoveFailureNotice, type MoveFailure } from "@/components/board/move-failure-notice";
import type { MoveTicketInput } from "@/lib/tickets/move-ticket-in-view";
import { NewTicketDialog } from "@/components/board/new-ticket-dialog";
import { ProjectPicker } from "@/components/projects/project-picker";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert, errorMessage } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingBlock, Spinner } from "@/components/ui/spinner";

/** The kanban board of one project: header with project picker, filters kept in `?scope=`, the columns. */
export function ProjectBoard({ projectId }: { projectId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const scope = parseBoardScope(searchParams.get("scope"));

  const projects = useProjects();
  const specs = useBoardSpecs(projectId);
  const [isDragging, setDragging] = useState(false);
  const board = useBoardView(projectId, scope, { paused: isDragging });
  const { mutateAsync: moveTicket } = useMoveTicket(projectId, scope);
  const [failure, setFailure] = useState<MoveFailure | null>(null);
  const [isCreating, setCreating] = useState(false);

  const project = projects.data?.find((candidate) => candidate.id === projectId);
  const specTitles = useMemo(() => new Map((specs.data ?? []).map((spec) => [spec.id, spec.title])), [specs.data]);

  /** The outcome of the last move, as the server answered it, for screen readers (the drag said only "Moving …"). */
  const [announcement, setAnnouncement] = useState("");

  const runMove = useCallback(
    (input: MoveTicketInput, ticket: Pick<BoardTicket, "key" | "status">, isOptimistic = true) => {
      setFailure(null);
      // Emptied first, so the same words for the next move are read again.
      setAnnouncement("");
      moveTicket({ input, isOptimistic }).then(
        () => {
          const column = COLUMN_TITLES[input.toStatus];
          setAnnouncement(ticket.status === input.toStatus ? `Moved ${ticket.key} within ${column}.` : `Moved ${ticket.key} to ${column}.`);
        },
        (error: unknown) => {
          const next = { input, ticketKey: ticket.key, fromStatus: ticket.status, error };
          setFailure(next);
          setAnnouncement(moveFailureAnnouncement(next));
        },
      );
    },
    [moveTicket],
  );
  const onMove = useCallback(
    (input: MoveTicketInput, ticket: BoardTicket, { isRefusalExpected }: { isRefusalExpected: boolean }) => runMove(input, ticket, !isRefusalExpected),
    [runMove],
  );

  // Specs synced after the list was loaded name cards too; fetch the list again (at most every 10 s) to title them.
  const hasUnknownSpec = board.data?.columns.some((column) => column.tickets.some((ticket) => ticket.specId && !specTitles.has(ticket.specId)));
  const { refetch: refetchSpecs, dataUpdatedAt: specsUpdatedAt, isFetching: isFetchingSpecs } = specs;
  useEffect(() => {
    if (hasUnknownSpec && !isFetchingSpecs && Date.now() - specsUpdatedAt > 10_000) void refetchSpecs();
  }, [hasUnknownSpec, isFetchingSpecs, specsUpdatedAt, refetchSpecs, board.dataUpdatedAt]);

  const setScope = (next: string) => {
    const params = new URLSearchParams(searchParams.toString());
    if (next === "all") params.delete("scope");
    else params.set("scope", next);
    const query = params.toString();
    // The filter lives in the URL so a reload or a shared link shows the same cards.
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  // What the scope shows: a column's count is the whole column (its WIP limit counts every ticket), not the cards.
  const isEmpty = board.data?.columns.every((column) => column.tickets.length === 0) ?? false;

  return (
    <div className="flex min-h-full flex-col">
      <PageHeader
        title="Board"
        description={project ? `Tickets of ${project.name}, by stage.` : "Tickets of a project, by stage."}
        actions={
          <>
            {projects.data && projects.data.length > 0 ? (
              <ProjectPicker
                className="w-56"
                projects={projects.data}
                value={projectId}
                onChange={(id) => router.push(`/projects/${encodeURIComponent(id)}/board`)}
              />
            ) : null}
            <Button className="self-end" onClick={() => setCreating(true)}>
              <PlusIcon />
              New ticket
            </Button>
          </>
        }
      />

      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <BoardFilters scope={scope} specs={specs.data} onScopeChange={setScope} />
        {board.isPlaceholderData ? (
          <span role="status" className="flex items-center gap-2 text-xs text-zinc-500">
            <Spinner size="sm" />
            Updating…
          </span>
        ) : null}
      </div>

      {/* Always in the page, so a change is read out: the server's answer to each move. */}
      <p role="status" aria-live="assertive" aria-atomic="true" className="sr-only">
        {announcement}
      </p>
      {failure ? (
        <div className="mb-4">
          <MoveFailureNotice
            failure={failure}
            // The card is still in its old column: the key and column it came from are the failure's.
            onForce={() => runMove({ ...failure.input, force: true }, { key: failure.ticketKey, status: failure.fromStatus })}
            onDismiss={() => setFailure(null)}
          />
        </div>
      ) : null}

      {board.isPending ? (
        <LoadingBlock label="Loading board…" />
      ) : !board.data ? (
        <div className="space-y-3">
          <ApiErrorAlert error={board.error} />
          <Button variant="secondary" onClick={() => void board.refetch()}>
            Try again
          </Button>
        </div>
      ) : isEmpty && scope === "all" ? (
        <EmptyState
          title="No tickets yet"
          description="Tickets come from specs: when a spec is synced, its tasks appear here as tickets. You can also create one yourself."
          action={
            <Button variant="secondary" onClick={() => setCreating(true)}>
              Create a ticket
            </Button>
          }
        />
      ) : (
        <div className="space-y-3">
          {board.isError ? (
            <Alert tone="info">Could not refresh the board ({errorMessage(board.error)}); showing the last cards received.</Alert>
          ) : null}
          {isEmpty ? (
            <p role="status" className="text-sm text-zinc-500">
              No tickets match this filter.
            </p>
          ) : null}
          <Board projectId={projectId} view={board.data} specTitles={specTitles} onMove={onMove} onDraggingChange={setDragging} />
        </div>
      )}

      <NewTicketDialog projectId={projectId} open={isCreating} onClose={() => setCreating(false)} />
    </div>
  );
}

function PlusIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
      <path d="M12 5v14M5 12h14" />
    </svg>
  );
}
