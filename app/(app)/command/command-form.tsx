"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from "react";
import { useCreateQuickTask } from "@/hooks/api/use-create-quick-task";
import { useCreateSpec } from "@/hooks/api/use-create-spec";
import { useProjectReadiness, useProjects } from "@/hooks/api/use-projects";
import { describeProjectBudget } from "@/lib/llm/describe-project-budget";
import { createSpecSchema } from "@/lib/specs/spec-schemas";
import { quickTaskSchema } from "@/lib/tickets/ticket-schemas";
import { ApiErrorAlert, fieldErrorsOf, issuesToFields } from "@/components/ui/api-error";
import { Alert } from "@/components/ui/alert";
import { Select } from "@/components/ui/select";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { PageHeader } from "@/components/shell/page-header";
import { ProjectPicker } from "@/components/projects/project-picker";

type Mode = "spec" | "quick";

const MODES: { value: Mode; label: string; hint: string }[] = [
  { value: "spec", label: "Spec-driven", hint: "Explore, requirements, design and tasks first; then tickets on the board." },
  { value: "quick", label: "Quick", hint: "One ticket an agent executes directly." },
];

export function CommandForm() {
  const params = useSearchParams();
  const projects = useProjects();
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const [mode, setMode] = useState<Mode>(params.get("mode") === "quick" ? "quick" : "spec");
  const [projectId, setProjectId] = useState<string | undefined>(params.get("project") ?? undefined);
  const [approvalMode, setApprovalMode] = useState<"auto" | "manual">("auto");
  /** Empty: the project's own review mode (the server's default when none is sent). */
  const [reviewMode, setReviewMode] = useState<"" | "auto" | "manual">("");
  const [clientFields, setClientFields] = useState<Record<string, string[]>>({});
  const createSpec = useCreateSpec();
  const createQuickTask = useCreateQuickTask();
  // Stays pending through the navigation to what was created, so a second submit cannot create it twice.
  const [navigating, startTransition] = useTransition();
  const router = useRouter();
  const id = useId();

  // The prompt is the point of this page; React's autoFocus is not applied when server-rendered markup is hydrated.
  useEffect(() => promptRef.current?.focus(), []);
  // The palette links here with ?mode= (and ?prompt=) while this page may already be open.
  useEffect(() => {
    setMode(params.get("mode") === "quick" ? "quick" : "spec");
    const prompt = params.get("prompt");
    const box = promptRef.current;
    if (!box) return;
    if (prompt) box.value = prompt;
    box.focus();
    // Go on typing after a prefilled idea, not before it.
    box.setSelectionRange(box.value.length, box.value.length);
  }, [params]);

  const list = projects.data ?? [];
  const selected = list.find((project) => project.id === projectId)?.id ?? list[0]?.id;
  const projectReviewMode = list.find((project) => project.id === selected)?.reviewMode;
  // Quick mode promises an agent; with the project's auto-run off, say that the ticket waits for Run instead.
  const waitsForRun = mode === "quick" && list.find((project) => project.id === selected)?.autoExecuteTickets === false;
  const readiness = useProjectReadiness(selected);
  const blocked = readiness.data && !readiness.data.ready;
  const warnings = readiness.data?.problems.filter((problem) => problem.blocking === false) ?? [];

  // One submit, one request: whichever mode ran last owns the error on screen (the other was reset).
  const failure = createSpec.error ?? createQuickTask.error;
  const fields = { ...fieldErrorsOf(failure), ...clientFields };
  // The prompt box is the spec's `description` (POST /api/v1/specs) or the quick task's `prompt`, which the server
  // reads as the ticket's title and description: all of them are the prompt to the person typing it.
  const promptErrors = fields.prompt ?? fields.description ?? fields.title;
  const pending = createSpec.isPending || createQuickTask.isPending || navigating;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const prompt = String(new FormData(event.currentTarget).get("prompt") ?? "");
    if (!selected) return;
    createSpec.reset();
    createQuickTask.reset();
    setClientFields({});
    // Checked here with the server's own schemas first: the same field messages, without a round trip.
    if (mode === "quick") {
      const checked = quickTaskSchema.safeParse({ projectId: selected, prompt });
      if (!checked.success) return setClientFields(issuesToFields(checked.error.issues));
      createQuickTask.mutate(checked.data, {
        onSuccess: (ticket) => startTransition(() => router.push(`/projects/${ticket.projectId}/tickets/${ticket.id}`)),
      });
      return;
    }
    // The command page's specs run their tickets by themselves once planned, as they always have from here.
    const checked = createSpecSchema.safeParse({
      projectId: selected,
      description: prompt,
      approvalMode,
      reviewMode: reviewMode || undefined,
      autoExecute: true,
    });
    if (!checked.success) return setClientFields(issuesToFields(checked.error.issues));
    createSpec.mutate(checked.data, {
      onSuccess: ({ spec }) => startTransition(() => router.push(`/projects/${spec.projectId}/specs/${spec.id}`)),
    });
  }

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Command" description="Describe what you want built. Spec-driven plans it first; Quick hands it straight to an agent." />
      <form onSubmit={onSubmit} className="space-y-4" aria-busy={pending}>
        <fieldset className="flex flex-wrap gap-2">
          <legend className="sr-only">Mode</legend>
          {MODES.map((option) => (
            <label
              key={option.value}
              className={[
                "flex min-w-52 flex-1 cursor-pointer flex-col rounded-lg border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600",
                mode === option.value ? "border-indigo-500 bg-indigo-50" : "border-zinc-200 bg-white hover:bg-zinc-50",
              ].join(" ")}
            >
              <span className="flex items-center gap-2 font-medium text-zinc-900">
                <input type="radio" name="mode" value={option.value} checked={mode === option.value} onChange={() => setMode(option.value)} className="accent-indigo-600" />
                {option.label}
              </span>
              <span className="text-xs text-zinc-600">{option.hint}</span>
            </label>
          ))}
        </fieldset>
        <div className="space-y-1">
          <Label htmlFor={`${id}-prompt`}>{mode === "quick" ? "Task" : "Idea"}</Label>
          <Textarea
            ref={promptRef}
            id={`${id}-prompt`}
            name="prompt"
            rows={10}
            defaultValue={params.get("prompt") ?? ""}
            placeholder={mode === "quick" ? "Fix the typo in the sign-in page's title" : "Add passwordless sign-in with magic links. Emails expire after 15 minutes…"}
            className="min-h-48 resize-y"
            aria-invalid={Boolean(promptErrors)}
            aria-describedby={promptErrors ? `${id}-prompt-error` : `${id}-prompt-hint`}
            onKeyDown={(event) => {
              // Cmd/Ctrl+Enter submits from the prompt, as in every chat-like box.
              if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
            }}
          />
          {promptErrors ? (
            <p id={`${id}-prompt-error`} className="text-xs text-red-700">
              {promptErrors.join(" ")}
            </p>
          ) : (
            <p id={`${id}-prompt-hint`} className="text-xs text-zinc-500">
              {mode === "quick" ? "The first line becomes the ticket's title." : "The first line becomes the spec's title."} Ctrl+Enter to submit.
              {waitsForRun ? " This project's auto-run is off: the ticket waits in Backlog until you press Run on its page." : ""}
            </p>
          )}
        </div>
        {!promptErrors && <ApiErrorAlert error={failure} />}
        {selected && blocked && (
          <Alert tone="error" title="Agents cannot run on this project right now">
            <ul className="list-disc pl-5">
              {readiness.data!.problems.map((problem) => (
                <li key={problem.code}>{problem.message}</li>
              ))}
            </ul>
          </Alert>
        )}
        {selected && !blocked && warnings.length > 0 && (
          <Alert tone="info" title="Agents can run, but the server's model needs attention">
            <ul className="list-disc pl-5">
              {warnings.map((problem) => (
                <li key={problem.code}>{problem.message}</li>
              ))}
            </ul>
          </Alert>
        )}
        {selected && readiness.data?.budget && (
          <p className="text-xs text-zinc-600" data-testid="launch-budget">
            {describeProjectBudget(readiness.data.budget)}
          </p>
        )}
        <div className="flex flex-wrap items-end justify-between gap-4">
          {projects.isError ? (
            <ApiErrorAlert error={projects.error} />
          ) : list.length === 0 && !projects.isPending ? (
            <p role="status" className="text-sm text-zinc-600">
              No projects yet.{" "}
              <Link href="/projects" className="font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600">
                Create one
              </Link>{" "}
              to run agents against.
            </p>
          ) : (
            <div className="flex flex-wrap items-end gap-3">
              <ProjectPicker className="w-72 max-w-full" projects={list} value={selected} onChange={setProjectId} />
              {mode === "spec" && (
                <div className="space-y-1">
                  <Label htmlFor={`${id}-approval`}>Approval</Label>
                  <Select id={`${id}-approval`} value={approvalMode} onChange={(e) => setApprovalMode(e.target.value as "auto" | "manual")}>
                    <option value="auto">Automatic</option>
                    <option value="manual">Review requirements and design</option>
                  </Select>
                </div>
              )}
              {mode === "spec" && (
                <div className="space-y-1">
                  <Label htmlFor={`${id}-review`}>Review of ticket work</Label>
                  <Select id={`${id}-review`} value={reviewMode} onChange={(e) => setReviewMode(e.target.value as "" | "auto" | "manual")}>
                    <option value="">As the project ({projectReviewMode === "manual" ? "manual" : "automatic"})</option>
                    <option value="auto">Automatic — merged as soon as tests pass</option>
                    <option value="manual">Manual — waits in Review for a person</option>
                  </Select>
                </div>
              )}
            </div>
          )}
          <Button type="submit" disabled={!selected || pending || Boolean(blocked)}>
            {pending ? (mode === "quick" ? "Creating…" : "Launching…") : mode === "quick" ? "Create task" : "Launch spec"}
          </Button>
        </div>
      </form>
    </div>
  );
}
