"use client";

import { useState } from "react";
import type { SpecDto } from "@/lib/specs/spec-schemas";
import { useExecuteTasks, useExportSpec, useSpecAction, useStopSpecAgents } from "@/hooks/api/use-specs";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { plural } from "@/components/events/summarize-event";
import { RequestChangesDialog } from "./request-changes-dialog";
import type { SpecActionsAvailable } from "./spec-status";

type RedoPhase = "explore" | "requirements" | "design" | "tasks";

/**
 * The spec's buttons, shown only when its state allows them. Each action's failure is shown under the buttons (or in
 * its dialog); a successful one refreshes the spec, whose new state changes the buttons.
 */
export function SpecActions({
  spec,
  actions,
  redoable,
}: {
  spec: SpecDto;
  actions: SpecActionsAvailable;
  redoable: readonly RedoPhase[];
}) {
  const run = useSpecAction(spec.id);
  const cancel = useSpecAction(spec.id);
  const executeTasks = useExecuteTasks(spec.id);
  const exportSpec = useExportSpec(spec.id);
  const stop = useStopSpecAgents(spec.id);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [confirmingStop, setConfirmingStop] = useState(false);
  const [requestingChanges, setRequestingChanges] = useState(false);
  const gate = actions.approve;
  const defaultRedo = gate ?? redoable.at(-1) ?? "explore";
  const error = run.error ?? executeTasks.error ?? exportSpec.error;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {gate ? (
          <Button onClick={() => run.mutate({ action: "approve", body: { gate } })} loading={run.isPending && run.variables?.action === "approve"}>
            {gate === "requirements" ? "Approve requirements" : "Approve design"}
          </Button>
        ) : null}
        {actions.execute ? (
          <Button onClick={() => run.mutate({ action: "execute" })} loading={run.isPending && run.variables?.action === "execute"}>
            {actions.execute}
          </Button>
        ) : null}
        {actions.requestChanges ? (
          <Button variant="secondary" onClick={() => setRequestingChanges(true)}>
            Request changes
          </Button>
        ) : null}
        {actions.executeTasks ? (
          <Button variant={actions.execute || gate ? "secondary" : "primary"} onClick={() => executeTasks.mutate({})} loading={executeTasks.isPending}>
            Execute tasks
          </Button>
        ) : null}
        <Button variant="secondary" onClick={() => exportSpec.mutate()} loading={exportSpec.isPending}>
          Export markdown
        </Button>
        {actions.stop ? (
          <Button
            variant="danger-ghost"
            onClick={() => {
              stop.reset();
              setConfirmingStop(true);
            }}
          >
            Stop all agents
          </Button>
        ) : null}
        {actions.cancel ? (
          <Button
            variant="danger-ghost"
            onClick={() => {
              cancel.reset();
              setConfirmingCancel(true);
            }}
          >
            Cancel
          </Button>
        ) : null}
      </div>

      <ApiErrorAlert error={error} />
      {executeTasks.isSuccess ? (
        <Alert tone="success">
          {executeTasks.data.created.length > 0 ? `${plural(executeTasks.data.created.length, "ticket")} created` : "The tickets already exist"}
          {`, ${executeTasks.data.queued} queued to run.`}
        </Alert>
      ) : null}

      <Dialog
        open={confirmingCancel}
        onClose={() => setConfirmingCancel(false)}
        role="alertdialog"
        title="Cancel this spec?"
        description="The spec stops waiting for approval. What its agent finished is kept, and Resume continues from the first unfinished phase."
      >
        <ApiErrorAlert error={cancel.error} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirmingCancel(false)} data-autofocus>
            Keep waiting
          </Button>
          <Button
            variant="danger"
            loading={cancel.isPending}
            onClick={() => cancel.mutate({ action: "cancel" }, { onSuccess: () => setConfirmingCancel(false) })}
          >
            Cancel spec
          </Button>
        </div>
      </Dialog>

      <Dialog
        open={confirmingStop}
        onClose={() => setConfirmingStop(false)}
        role="alertdialog"
        title="Stop all agents of this spec?"
        description="Its planning agent stops (Resume continues from the first unfinished phase) and every ticket's queued or running task is cancelled, its ticket back in the backlog (Run starts it again). Work already waiting for review or being merged is kept."
      >
        <ApiErrorAlert error={stop.error} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirmingStop(false)} data-autofocus>
            Keep them running
          </Button>
          <Button variant="danger" loading={stop.isPending} onClick={() => stop.mutate(undefined, { onSuccess: () => setConfirmingStop(false) })}>
            Stop all agents
          </Button>
        </div>
      </Dialog>

      <RequestChangesDialog
        specId={spec.id}
        open={requestingChanges}
        onClose={() => setRequestingChanges(false)}
        phases={redoable}
        defaultPhase={redoable.includes(defaultRedo) ? defaultRedo : (redoable.at(-1) ?? "explore")}
      />
    </div>
  );
}
