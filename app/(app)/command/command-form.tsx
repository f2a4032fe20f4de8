"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useProjects } from "@/hooks/api/use-projects";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { PageHeader } from "@/components/shell/page-header";
import { ProjectPicker } from "@/components/projects/project-picker";

export function CommandForm() {
  const projects = useProjects();
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const [projectId, setProjectId] = useState<string | undefined>();
  const id = useId();

  // The prompt is the point of this page; React's autoFocus is not applied when server-rendered markup is hydrated.
  useEffect(() => promptRef.current?.focus(), []);

  const list = projects.data ?? [];
  const selected = projectId ?? list[0]?.id;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Nothing to launch into until the spec engine exists.
    event.preventDefault();
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
          />
        </div>
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
            <ProjectPicker className="w-72 max-w-full" projects={list} value={selected} onChange={setProjectId} />
          )}
          <div className="flex flex-col items-end gap-1">
            <Button type="submit" disabled aria-describedby={`${id}-unavailable`}>
              Launch spec
            </Button>
            <p id={`${id}-unavailable`} className="text-xs text-zinc-500">
              Launching specs arrives with the spec engine
            </p>
          </div>
        </div>
      </form>
    </div>
  );
}
