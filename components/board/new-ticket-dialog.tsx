"use client";

import { useState, type FormEvent } from "react";
import { createTicketSchema } from "@/lib/tickets/ticket-schemas";
import { useCreateTicket, type NewTicketInput } from "@/hooks/api/use-board";
import { ApiErrorAlert, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";

const PRIORITIES: { value: NewTicketInput["priority"]; label: string }[] = [
  { value: "LOW", label: "Low" },
  { value: "MEDIUM", label: "Medium" },
  { value: "HIGH", label: "High" },
  { value: "CRITICAL", label: "Critical" },
];

/** A quick ticket for the project; it lands at the end of the backlog. */
export function NewTicketDialog({ projectId, open, onClose }: { projectId: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New ticket"
      description="The ticket lands in Backlog. When the project runs tickets automatically, an agent picks it up."
    >
      <NewTicketForm projectId={projectId} onDone={onClose} />
    </Dialog>
  );
}

function NewTicketForm({ projectId, onDone }: { projectId: string; onDone: () => void }) {
  const create = useCreateTicket(projectId);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [priority, setPriority] = useState<NewTicketInput["priority"]>("MEDIUM");
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const fields = { ...fieldErrorsOf(create.error), ...clientErrors };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { title, description: description.trim() ? description : undefined, priority };
    const checked = createTicketSchema.safeParse({ ...input, projectId });
    if (!checked.success) {
      setClientErrors(issuesToFields(checked.error.issues));
      return;
    }
    setClientErrors({});
    create.mutate(input, { onSuccess: onDone });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field label="Title" error={fields.title}>
        {(control) => (
          <Input {...control} data-autofocus value={title} onChange={(event) => setTitle(event.target.value)} maxLength={200} required />
        )}
      </Field>
      <Field label="Description" hint="Optional: what done looks like, links, constraints." error={fields.description}>
        {(control) => <Textarea {...control} rows={4} value={description} onChange={(event) => setDescription(event.target.value)} />}
      </Field>
      <Field label="Priority" error={fields.priority}>
        {(control) => (
          <Select {...control} value={priority} onChange={(event) => setPriority(PRIORITIES.find((option) => option.value === event.target.value)?.value ?? "MEDIUM")}>
            {PRIORITIES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <ApiErrorAlert error={create.error} shownFields={["title", "description", "priority"]} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending}>
          Create ticket
        </Button>
      </div>
    </form>
  );
}
