"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ProjectDto } from "@/lib/projects/project-schemas";
import { useDeleteProject } from "@/hooks/api/use-projects";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function DeleteProject({ project }: { project: ProjectDto }) {
  const router = useRouter();
  const deleteProject = useDeleteProject();
  const [confirming, setConfirming] = useState(false);

  return (
    <SectionCard title="Danger zone" className="border-red-200">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-600">Deleting a project removes its specs, tickets and history. It cannot be undone.</p>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete project
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete “${project.name}”?`}
        description="The project, its specs, tickets and run history are removed for everyone in the organization."
        confirmLabel="Delete permanently"
        pending={deleteProject.isPending}
        error={deleteProject.error}
        onCancel={() => {
          setConfirming(false);
          deleteProject.reset();
        }}
        onConfirm={() =>
          deleteProject.mutate(project.id, {
            onSuccess: () => {
              setConfirming(false);
              router.push("/projects");
            },
          })
        }
      />
    </SectionCard>
  );
}
