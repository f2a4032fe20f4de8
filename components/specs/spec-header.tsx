"use client";

import { useState, type ReactNode } from "react";
import type { SpecDto } from "@/lib/specs/spec-schemas";
import { Alert } from "@/components/ui/alert";
import { SpecBadges, SpecProgress } from "./spec-badges";
import { formatUsd } from "./spec-status";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";

const LONG_DESCRIPTION = 280;

/** Breadcrumb, title, the buttons, then the spec's status line: badges, progress and what it has cost so far. */
export function SpecHeader({
  spec,
  projectId,
  projectName,
  actions,
  pendingFeedback,
}: {
  spec: SpecDto;
  projectId: string;
  projectName: string | undefined;
  actions: ReactNode;
  pendingFeedback: string | null;
}) {
  const [showAll, setShowAll] = useState(false);
  const isLong = spec.description.length > LONG_DESCRIPTION;
  return (
    <header className="space-y-3">
      <Breadcrumbs
        items={[
          { label: "Projects", href: "/projects" },
          { label: projectName ?? "Project", href: `/projects/${projectId}` },
          { label: "Specs", href: `/projects/${projectId}/specs` },
        ]}
      />
      <h1 className="text-lg font-semibold tracking-tight break-words text-zinc-900">{spec.title}</h1>
      <div>
        <p id={`spec-description-${spec.id}`} className={`max-w-3xl whitespace-pre-line text-sm text-zinc-600 ${isLong && !showAll ? "line-clamp-3" : ""}`}>
          {spec.description}
        </p>
        {isLong ? (
          <button
            type="button"
            aria-expanded={showAll}
            aria-controls={`spec-description-${spec.id}`}
            onClick={() => setShowAll((value) => !value)}
            className="mt-0.5 cursor-pointer text-xs text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {showAll ? "Show less" : "Show the whole description"}
          </button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <SpecBadges spec={spec} />
        <div className="w-48">
          <SpecProgress value={spec.progress} />
        </div>
        <p className="text-xs text-zinc-600">
          Cost <span className="font-medium tabular-nums text-zinc-900">{formatUsd(spec.costUsd)}</span>
        </p>
      </div>
      {actions}
      {spec.lastError && (spec.generationStatus === "failed" || spec.executionStatus === "failed") ? (
        <Alert title={spec.generationStatus === "failed" ? "The spec failed" : "Execution failed"}>{spec.lastError}</Alert>
      ) : null}
      {pendingFeedback && spec.generationStatus === "running" ? (
        <Alert tone="info" title="Redoing with your feedback">
          {pendingFeedback}
        </Alert>
      ) : null}
    </header>
  );
}
