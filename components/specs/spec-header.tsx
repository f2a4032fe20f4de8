"use client";

import { useState, type ReactNode } from "react";
import type { SpecDto } from "@/lib/specs/spec-schemas";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { MarkdownText } from "./markdown-text";
import { SpecStatusLine } from "./spec-status-line";
import { formatUsd } from "./spec-status";
import type { SpecStory } from "./spec-story";

const LONG_DESCRIPTION = 280;

/**
 * Breadcrumb, title, the idea as written (markdown), the spec's one status line with its Plan and Build bars, its
 * settings and cost, then the buttons.
 */
export function SpecHeader({
  spec,
  story,
  projectId,
  projectName,
  actions,
  pendingFeedback,
}: {
  spec: SpecDto;
  story: SpecStory;
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
        <div id={`spec-description-${spec.id}`} className={`max-w-3xl break-words text-sm text-zinc-600 ${isLong && !showAll ? "max-h-16 overflow-hidden" : ""}`}>
          <MarkdownText headings="plain" breaks>
            {spec.description}
          </MarkdownText>
        </div>
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
      <SpecStatusLine story={story} />
      <p className="text-xs text-zinc-600">
        {spec.approvalMode === "manual" ? "Manual approval" : "Automatic approval"} · {spec.reviewMode === "manual" ? "manual review" : "automatic review"} · cost{" "}
        <span className="font-medium tabular-nums text-zinc-900">{formatUsd(spec.costUsd)}</span>
      </p>
      {actions}
      {pendingFeedback && spec.generationStatus === "running" ? (
        <Alert tone="info" title="Redoing with your feedback">
          {pendingFeedback}
        </Alert>
      ) : null}
    </header>
  );
}
