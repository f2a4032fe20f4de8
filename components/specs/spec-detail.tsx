"use client";

import { PageLoadError } from "@/components/ui/page-load-error";
import { useMemo } from "react";
import type { SpecDetail as SpecDetailData } from "@/lib/specs/get-spec-detail";
import { pendingFeedbackSchema, type SpecDto, type SpecPhaseName } from "@/lib/specs/spec-schemas";
import { useProject } from "@/hooks/api/use-projects";
import { useSpecDetail } from "@/hooks/api/use-specs";
import { useSpecFollowsEvents } from "@/hooks/api/use-spec-follows-events";
import { EventTimeline } from "@/components/events/event-timeline";
import { LoadingBlock } from "@/components/ui/spinner";
import { ChangesTab } from "./changes-tab";
import { CostTab } from "./cost-tab";
import { DesignTab } from "./design-tab";
import { ExploreTab } from "./explore-tab";
import { PhaseStepper } from "./phase-stepper";
import { derivePhaseStates, redoablePhases } from "./phase-states";
import { RequirementsTab } from "./requirements-tab";
import { RevisionsTab } from "./revisions-tab";
import { SpecActions } from "./spec-actions";
import { SpecHeader } from "./spec-header";
import { availableActions, isSpecLive } from "./spec-status";
import { deriveSpecStory } from "./spec-story";
import { SpecTabs } from "./spec-tabs";
import { TasksTab } from "./tasks-tab";
import { TicketsTab } from "./tickets-tab";

/**
 * The spec page: its one status line and actions on top, the phases, then its outputs in tabs beside its live event
 * timeline. The line, the bars, the stepper and the buttons all read the same polled detail.
 */
export function SpecDetail({ projectId, specId }: { projectId: string; specId: string }) {
  const detail = useSpecDetail(specId);
  const project = useProject(projectId);

  if (detail.isPending) return <LoadingBlock label="Loading the spec…" />;
  if (detail.isError) return <PageLoadError error={detail.error} what="Spec" backHref={`/projects/${projectId}/specs`} backLabel="Back to specs" onRetry={() => void detail.refetch()} />;
  return <SpecDetailView data={detail.data} projectId={projectId} projectName={project.data?.name} repoUrl={project.data?.repoUrl} />;
}

function SpecDetailView({
  data,
  projectId,
  projectName,
  repoUrl,
}: {
  data: SpecDetailData;
  projectId: string;
  projectName: string | undefined;
  /** The project's repository, for how to merge the spec branch (undefined while the project loads). */
  repoUrl: string | null | undefined;
}) {
  const { spec, activity, phaseRuns, requirements, design, tasks, tickets, costByPhase } = data;
  const story = deriveSpecStory({ spec, activity });
  const isBuildStopped = story.stage === "stopped";
  const states = useMemo(
    () => derivePhaseStates(spec, phaseRuns, { phaseAttempt: activity.phaseAttempt, isBuildStopped }),
    [spec, phaseRuns, activity.phaseAttempt, isBuildStopped],
  );
  const redoable = useMemo(() => redoablePhases(phaseRuns), [phaseRuns]);
  const actions = availableActions(spec, { taskCount: tasks.length, ticketCount: tickets.total, redoableCount: redoable.length, activity });
  const live = isSpecLive(spec);
  useSpecFollowsEvents(spec.id);
  const feedback = pendingFeedbackSchema.safeParse(data.pendingFeedback);

  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <SpecHeader
        spec={spec}
        story={story}
        projectId={projectId}
        projectName={projectName}
        pendingFeedback={feedback.success ? feedback.data.feedback : null}
        actions={<SpecActions spec={spec} actions={actions} redoable={redoable} />}
      />
      <section>
        <h2 className="sr-only">Progress through the phases</h2>
        <PhaseStepper states={states} />
      </section>
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <section className="min-w-0">
          <h2 className="sr-only">What the agent produced</h2>
          <SpecTabs
            label="Spec sections"
            initialTab="requirements"
            tabs={[
              { id: "explore", label: "Explore", render: () => <ExploreTab explore={data.explore} emptyHint={emptyHint(spec, "explore")} /> },
              {
                id: "requirements",
                label: "Requirements",
                count: requirements.length,
                render: () => <RequirementsTab requirements={requirements} notes={data.requirementsNotes} emptyHint={emptyHint(spec, "requirements")} />,
              },
              { id: "design", label: "Design", render: () => <DesignTab design={design} emptyHint={emptyHint(spec, "design")} /> },
              { id: "tasks", label: "Tasks", count: tasks.length, render: () => <TasksTab tasks={tasks} emptyHint={emptyHint(spec, "tasks")} /> },
              {
                id: "tickets",
                label: "Tickets",
                count: tickets.total,
                render: () => <TicketsTab projectId={projectId} specId={spec.id} live={spec.executionStatus === "running"} />,
              },
              { id: "changes", label: "Changes", render: () => <ChangesTab spec={spec} repoUrl={repoUrl} /> },
              { id: "revisions", label: "Revisions", render: () => <RevisionsTab specId={spec.id} phaseRuns={phaseRuns} /> },
              { id: "cost", label: "Cost", render: () => <CostTab rows={costByPhase} specCostUsd={spec.costUsd} /> },
            ]}
          />
        </section>
        <EventTimeline path={`/api/v1/specs/${encodeURIComponent(spec.id)}/events`} live={live} className="xl:sticky xl:top-4" />
      </div>
    </div>
  );
}

/** Why a tab is empty, in terms of what the person can do about it. */
function emptyHint(spec: SpecDto, phase: Extract<SpecPhaseName, "explore" | "requirements" | "design" | "tasks">): string {
  switch (spec.generationStatus) {
    case "draft":
      return `Execute the spec and the agent writes this in the ${phase} phase.`;
    case "running":
      return `The agent writes this in the ${phase} phase; it fills in when the phase passes.`;
    case "awaiting_approval":
      return `The agent writes this in the ${phase} phase, once the earlier output is approved.`;
    case "failed":
    case "cancelled":
      return `The spec stopped before its ${phase} phase passed. Resume continues from there.`;
    case "completed":
      return `The ${phase} phase produced nothing.`;
  }
}
