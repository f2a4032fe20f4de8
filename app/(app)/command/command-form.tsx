"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from "react";
import { launchSpecAction } from "./actions";
import { useProjects } from "@/hooks/api/use-projects";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Alert } from "@/components/ui/alert";
import { Select } from "@/components/ui/select";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { PageHeader } from "@/components/shell/page-header";
import { ProjectPicker } from "@/components/projects/project-picker";

export function CommandForm() {
  const projects = useProjects();
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const [projectId, setProjectId] = useState<string | undefined>();
  const [approvalMode, setApprovalMode] = useState<"auto" | "manual">("auto");
  const [error, setError] = useState<{ message: string; fields?: Record<string, string[]> } | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const id = useId();

  // The prompt is the point of this page; React's autoFocus is not applied when server-rendered markup is hydrated.
  useEffect(() => promptRef.current?.focus(), []);

  const list = projects.data ?? [];
  const selected = projectId ?? list[0]?.id;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const prompt = String(new FormData(event.currentTarget).get("prompt") ?? "");
    if (!selected) return;
    setError(null);
    startTransition(async () => {
      const result = await launchSpecAction({ projectId: selected, prompt, approvalMode });
      if (result.ok) router.push(`/projects/${selected}/specs/${result.data.specId}`);
      else setError({ message: result.error.message, fields: (result.error.details as { fields?: Record<string, string[]> } | undefined)?.fields });
    });
  }

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Command" description="Describe what you want built; OmoiOS turns it into a spec and tickets." />
      <form onSubmit={onSubmit} className="space-y-4">
        <div className="space-y-1">
          <Label htmlFor={`${id}-prompt`}>Prompt</Label>
          <Textarea
            ref={promptRef}
            id={`${id}-prompt`}
            name="prompt"
            rows={10}
            placeholder="Add passwordless sign-in with magic links. Emails expire after 15 minutes…"
            className="min-h-48 resize-y"
            aria-invalid={Boolean(error?.fields?.prompt)}
            aria-describedby={error?.fields?.prompt ? `${id}-prompt-error` : undefined}
          />
          {error?.fields?.prompt && (
            <p id={`${id}-prompt-error`} className="text-xs text-red-700">
              {error.fields.prompt.join(" ")}
            </p>
          )}
        </div>
        {error && !error.fields?.prompt && <Alert tone="error">{error.message}</Alert>}
        <div className="flex flex-wrap items-end justify-between gap-4">
          {projects.isError ? (
            <ApiErrorAlert error={projects.error} />
          ) : list.length === 0 && !projects.isPending ? (
            <p className="text-sm text-zinc-600">
              No projects yet.{" "}
              <Link href="/projects" className="font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600">
                Create one
              </Link>{" "}
              to run specs against.
            </p>
          ) : (
            <div className="flex flex-wrap items-end gap-3">
              <ProjectPicker className="w-72 max-w-full" projects={list} value={selected} onChange={setProjectId} />
              <div className="space-y-1">
                <Label htmlFor={`${id}-approval`}>Approval</Label>
                <Select id={`${id}-approval`} value={approvalMode} onChange={(e) => setApprovalMode(e.target.value as "auto" | "manual")}>
                  <option value="auto">Automatic</option>
                  <option value="manual">Review requirements and design</option>
                </Select>
              </div>
            </div>
          )}
          <Button type="submit" disabled={!selected || pending}>
            {pending ? "Launching…" : "Launch spec"}
          </Button>
        </div>
      </form>
    </div>
  );
}
