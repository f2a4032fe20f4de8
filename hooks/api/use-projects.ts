"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type { ProjectBudget } from "@/lib/llm/get-project-budget";
import type { ProjectOverviewDto } from "@/lib/projects/project-overview-schemas";
import type { CreateProjectInput, ProjectDto, UpdateProjectInput } from "@/lib/projects/project-schemas";

export interface ProjectListQuery {
  orgId?: string;
}

export const projectKeys = {
  all: ["projects"] as const,
  lists: () => [...projectKeys.all, "list"] as const,
  list: (query: ProjectListQuery = {}) => [...projectKeys.lists(), query] as const,
  details: () => [...projectKeys.all, "detail"] as const,
  detail: (projectId: string) => [...projectKeys.details(), projectId] as const,
  overview: (projectId: string) => [...projectKeys.detail(projectId), "overview"] as const,
};

/** While a spec or a ticket's agent runs, the overview follows it at this pace; it stops once nothing runs. */
const OVERVIEW_POLL_MS = 5_000;

export function useProjects(query: ProjectListQuery = {}) {
  return useQuery({
    queryKey: projectKeys.list(query),
    queryFn: async ({ signal }) => {
      const search = query.orgId ? `?${new URLSearchParams({ orgId: query.orgId })}` : "";
      const data = await apiFetch<{ projects: ProjectDto[] }>(`/api/v1/projects${search}`, { signal });
      return data.projects;
    },
  });
}

export function useProject(projectId: string) {
  return useQuery({
    queryKey: projectKeys.detail(projectId),
    queryFn: async ({ signal }) => {
      const data = await apiFetch<{ project: ProjectDto }>(`/api/v1/projects/${encodeURIComponent(projectId)}`, { signal });
      return data.project;
    },
  });
}

/** A project at a glance (GET /api/v1/projects/{id}/overview): specs, tickets per column, activity, cost, health. */
export function useProjectOverview(projectId: string) {
  return useQuery({
    queryKey: projectKeys.overview(projectId),
    queryFn: ({ signal }) => apiFetch<ProjectOverviewDto>(`/api/v1/projects/${encodeURIComponent(projectId)}/overview`, { signal }),
    refetchInterval: (query) => (query.state.data?.isActive ? OVERVIEW_POLL_MS : false),
  });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateProjectInput) =>
      (await apiFetch<{ project: ProjectDto }>("/api/v1/projects", { method: "POST", body: input })).project,
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.detail(project.id), project);
      return queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    },
  });
}

export function useUpdateProject(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: UpdateProjectInput) =>
      (
        await apiFetch<{ project: ProjectDto }>(`/api/v1/projects/${encodeURIComponent(projectId)}`, {
          method: "PATCH",
          body: input,
        })
      ).project,
    onSuccess: (project) => {
      queryClient.setQueryData(projectKeys.detail(project.id), project);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: projectKeys.lists() }),
        // A new repository or branch was just asked: its health, the readiness and the overview change with it.
        queryClient.invalidateQueries({ queryKey: projectKeys.detail(project.id), exact: false, predicate: (query) => query.queryKey.length > 3 }),
      ]);
    },
  });
}

export function useDeleteProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (projectId: string) =>
      apiFetch<void>(`/api/v1/projects/${encodeURIComponent(projectId)}`, { method: "DELETE" }),
    onSuccess: (_data, projectId) => {
      queryClient.removeQueries({ queryKey: projectKeys.detail(projectId) });
      // Lists that are not on screen are only refetched when shown again; drop the project now so it never flashes back.
      queryClient.setQueriesData<ProjectDto[]>({ queryKey: projectKeys.lists() }, (projects) =>
        projects?.filter((project) => project.id !== projectId),
      );
      return queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    },
  });
}

export interface ProjectReadiness {
  ready: boolean;
  /** `blocking: false` marks a warning (e.g. a deprecated model): agents can still run. */
  problems: { code: string; message: string; blocking?: false }[];
  /** The budgets a launch here runs under (lib/llm/get-project-budget). */
  budget: ProjectBudget;
}

/** Whether agents can work on the project now (model configured, repository reachable), with reasons. */
export function useProjectReadiness(projectId: string | undefined) {
  return useQuery({
    queryKey: [...projectKeys.detail(projectId ?? ""), "readiness"] as const,
    queryFn: ({ signal }) => apiFetch<ProjectReadiness>(`/api/v1/projects/${encodeURIComponent(projectId!)}/readiness`, { signal }),
    enabled: Boolean(projectId),
    staleTime: 30_000,
  });
}
