"use client";

import { useState, type FormEvent } from "react";
import { requestChangesSchema } from "@/lib/specs/spec-schemas";
import { useRequestChanges } from "@/hooks/api/use-specs";
import { ApiErrorAlert, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";

type RedoPhase = "explore" | "requirements" | "design" | "tasks";

/** Send a passed phase back to the agent with what should change; the phases after it are redone too. */
export function RequestChangesDialog({
  specId,
  open,
  onClose,
  phases,
  defaultPhase,
}: {
  specId: string;
  open: boolean;
  onClose: () => void;
  phases: readonly RedoPhase[];
  defaultPhase: RedoPhase;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Request changes"
      description="The agent redoes the phase with your feedback; everything after it is redone as well."
    >
      {/* Mounted only while open (Dialog renders children then), so each opening starts from a clean form. */}
      <RequestChangesForm specId={specId} phases={phases} defaultPhase={defaultPhase} onDone={onClose} />
    </Dialog>
  );
}

function RequestChangesForm({ specId, phases, defaultPhase, onDone }: { specId: string; phases: readonly RedoPhase[]; defaultPhase: RedoPhase; onDone: () => void }) {
  const requestChanges = useRequestChanges(specId);
  const [phase, setPhase] = useState<RedoPhase>(defaultPhase);
  const [feedback, setFeedback] = useState("");
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const errors = { ...fieldErrorsOf(requestChanges.error), ...clientErrors };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = requestChangesSchema.safeParse({ phase, feedback });
    if (!parsed.success) {
      setClientErrors(issuesToFields(parsed.error.issues));
      return;
    }
    setClientErrors({});
    requestChanges.mutate(parsed.data, { onSuccess: onDone });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field label="Phase" error={errors.phase}>
        {(control) => (
          <Select {...control} value={phase} onChange={(event) => setPhase(event.target.value as RedoPhase)}>
            {phases.map((option) => (
              <option key={option} value={option}>
                {option.charAt(0).toUpperCase() + option.slice(1)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Feedback" error={errors.feedback} hint="What should change, in your words. The agent reads it as part of the phase's instructions.">
        {(control) => (
          <Textarea {...control} data-autofocus required rows={5} value={feedback} onChange={(event) => setFeedback(event.target.value)} />
        )}
      </Field>
      <ApiErrorAlert error={requestChanges.error} shownFields={["phase", "feedback"]} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Close
        </Button>
        <Button type="submit" loading={requestChanges.isPending}>
          Send feedback
        </Button>
      </div>
    </form>
  );
}
