"use client";

import type { ProjectDto } from "@/lib/projects/project-schemas";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";

export interface ProjectPickerProps {
  projects: readonly ProjectDto[];
  value: string | undefined;
  onChange: (projectId: string) => void;
  label?: string;
  className?: string;
}

/** A labelled select of projects, grouped by organization when there is more than one. */
export function ProjectPicker({ projects, value, onChange, label = "Project", className }: ProjectPickerProps) {
  const orgNames = [...new Set(projects.map((project) => project.orgName))];
  const option = (project: ProjectDto) => (
    <option key={project.id} value={project.id}>
      {project.name}
    </option>
  );
  return (
    <Field label={label} className={className}>
      {(control) => (
        <Select {...control} value={value ?? ""} onChange={(event) => onChange(event.target.value)} disabled={projects.length === 0}>
          {projects.length === 0 ? (
            <option value="">No projects</option>
          ) : orgNames.length > 1 ? (
            orgNames.map((orgName) => (
              <optgroup key={orgName} label={orgName}>
                {projects.filter((project) => project.orgName === orgName).map(option)}
              </optgroup>
            ))
          ) : (
            projects.map(option)
          )}
        </Select>
      )}
    </Field>
  );
}
