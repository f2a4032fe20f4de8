"use client";

import { useId, useState } from "react";
import { useReopenTicket, useTicketAction } from "@/hooks/api/use-tickets";
import type { TicketDetail } from "@/lib/tickets/get-ticket-detail";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/textarea";
import type { RunState } from "./run-state";

/**
 * What happens next to the ticket, in one sentence, beside the actions that would do something now (runState): Run
 * or Run again, Cancel, and on a done ticket Reopen (back to the backlog) and Re-run (reopen and queue a new run, with
 * what to do differently).
 */
export function TicketActions({ detail, state }: { detail: TicketDetail; state: RunState }) {
  const { ticket, spec, tasks } = detail;
  const act = useTicketAction(ticket.id);
  const reopen = useReopenTicket(ticket.id);
  const [dialog, setDialog] = useState<"cancel" | "reopen" | "rerun" | null>(null);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const merged = spec !== null && tasks.at(-1)?.integration === "integrated";
  const stays = merged ? ` Its work stays merged in ${spec.branch ?? "the spec branch"}: reopening does not take it out.` : "";
  const close = () => {
    setDialog(null);
    reopen.reset();
  };
  const rerun = () =>
    reopen.mutate(
      { run: true, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          close();
          setReason("");
        },
      },
    );

  return (
    <section aria-label="Run" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2">
        <p className="min-w-0 text-sm text-zinc-700">{state.note ?? (state.canReopen ? "Done. Reopen it to work on it again, or re-run its agent." : "")}</p>
        <div className="flex shrink-0 flex-wrap items-center gap-2">
          {state.run && (
            <Button onClick={() => act.mutate("run")} loading={act.isPending && act.variables === "run"}>
              {state.run}
            </Button>
          )}
          {state.canCancel && (
            <Button variant="secondary" onClick={() => setDialog("cancel")} loading={act.isPending && act.variables === "cancel"}>
              Cancel
            </Button>
          )}
          {state.canReopen && (
            <>
              <Button variant="secondary" onClick={() => setDialog("reopen")}>
                Reopen
              </Button>
              <Button onClick={() => setDialog("rerun")}>Re-run</Button>
            </>
          )}
        </div>
      </div>
      {act.isError && <ApiErrorAlert error={act.error} />}

      <ConfirmDialog
        open={dialog === "cancel"}
        onCancel={close}
        title={`Cancel ${ticket.key}?`}
        description="The agent is stopped and its sandbox ended. Commits not yet delivered are lost; you can run it again later."
        confirmLabel="Cancel the run"
        pending={act.isPending}
        onConfirm={() => {
          close();
          act.mutate("cancel");
        }}
      />
      <Dialog open={dialog === "reopen"} onClose={close} title={`Reopen ${ticket.key}?`} description={`It goes back to the Backlog; no agent starts until it is run.${stays}`}>
        <ApiErrorAlert error={reopen.error} />
        <div className="mt-3 flex justify-end gap-2">
          <Button variant="secondary" onClick={close} data-autofocus>
            Keep it done
          </Button>
          <Button loading={reopen.isPending} onClick={() => reopen.mutate({ run: false }, { onSuccess: close })}>
            Reopen
          </Button>
        </div>
      </Dialog>
      <Dialog
        open={dialog === "rerun"}
        onClose={close}
        title={`Re-run ${ticket.key}?`}
        description={`It is reopened and a new run of its agent is queued; the finished run's record stays.${stays}`}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            rerun();
          }}
          className="space-y-3"
        >
          <div className="space-y-1">
            <label htmlFor={reasonId} className="block text-xs font-medium text-zinc-700">
              What should the agent do differently? (optional)
            </label>
            <Textarea id={reasonId} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={4000} rows={4} data-autofocus />
          </div>
          <ApiErrorAlert error={reopen.error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Keep it done
            </Button>
            <Button type="submit" loading={reopen.isPending}>
              Reopen and run
            </Button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
