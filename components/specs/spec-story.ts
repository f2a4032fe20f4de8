import { WORK_PHASES } from "@/lib/core/spec-phases";
import type { SpecActivityDto, SpecDto } from "@/lib/specs/spec-schemas";
import { approvalGate } from "./phase-states";
import type { BadgeTone } from "./spec-status";

/** "stopped": the build runs, but none of its work moves (its agents were stopped) until a person runs a ticket. */
export type SpecStoryStage = "draft" | "planning" | "approval" | "planned" | "building" | "stopped" | "done" | "failed" | "cancelled";

/** One labelled progress value: `value` of `max`, and the same in words for assistive technology. */
export interface StoryProgress {
  value: number;
  max: number;
  text: string;
}

/** What the spec page says about a spec: one line, its tone, and how far the plan and the build are. */
export interface SpecStory {
  stage: SpecStoryStage;
  /** The status in words: "Planning: design, attempt 2/3", "Building 2 of 5 tickets", "Done — merged into …". */
  line: string;
  tone: BadgeTone;
  /** The whole reason when the line had to shorten it (a failure's last error can be long output). */
  detail: string | null;
  /** Phases passed of the five (explore, requirements, design, tasks, sync). */
  plan: StoryProgress;
  /** Tickets integrated of all; null before the spec has tickets. */
  build: StoryProgress | null;
}

export interface SpecStoryInput {
  spec: Pick<SpecDto, "generationStatus" | "currentPhase" | "executionStatus" | "lastError" | "branch">;
  activity: Pick<SpecActivityDto, "phaseAttempt" | "phaseMaxAttempts" | "build">;
}

const MAX_REASON = 200;

/**
 * The one status of a spec, from its polled detail alone, so the line, the two bars and the stepper cannot disagree.
 * Planning that runs or waits for a person comes first (a spec whose plan is redone while its old build is complete
 * is planning), then the build while it runs, then how either ended.
 */
export function deriveSpecStory({ spec, activity }: SpecStoryInput): SpecStory {
  const plan = planProgress(spec);
  const { build: tickets } = activity;
  const build: StoryProgress | null =
    tickets.total === 0 ? null : { value: tickets.integrated, max: tickets.total, text: `${tickets.integrated} of ${tickets.total} tickets ${spec.branch ? "integrated" : "done"}` };
  const story = (stage: SpecStoryStage, line: string, tone: BadgeTone, detail: string | null = null): SpecStory => ({ stage, line, tone, detail, plan, build });

  if (spec.generationStatus === "running") {
    if (spec.currentPhase === "sync" || activity.phaseAttempt === null) return story("planning", `Planning: ${spec.currentPhase}`, "accent");
    return story("planning", `Planning: ${spec.currentPhase}, attempt ${activity.phaseAttempt}/${activity.phaseMaxAttempts}`, "accent");
  }
  if (spec.generationStatus === "awaiting_approval") {
    const gate = approvalGate(spec);
    return story("approval", gate ? `Waiting for your approval of the ${gate}` : "Waiting for your approval", "warning");
  }
  if (spec.executionStatus === "running") return buildingStory(spec, tickets, story);
  if (spec.generationStatus === "failed") return failed(spec.lastError, `planning stopped at ${spec.currentPhase}`, story);
  if (spec.executionStatus === "failed") return failed(spec.lastError, "a ticket could not be done", story);
  if (spec.generationStatus === "cancelled") return story("cancelled", "Cancelled", "neutral");
  if (spec.executionStatus === "completed") {
    if (spec.branch) return story("done", `Done — merged into ${spec.branch}`, "success");
    return story("done", tickets.total > 0 ? `Done — all ${tickets.total} tickets done` : "Done — the plan has nothing to build", "success");
  }
  if (spec.generationStatus === "completed") return story("planned", "Planned — execute its tasks to build it", "neutral");
  return story("draft", "Draft — not planned yet", "neutral");
}

type Tell = (stage: SpecStoryStage, line: string, tone: BadgeTone, detail?: string | null) => SpecStory;

/** While tickets are built: what needs a person first, then what the server and the agents are doing. */
function buildingStory(spec: SpecStoryInput["spec"], tickets: SpecActivityDto["build"], story: Tell): SpecStory {
  const branch = spec.branch ?? "the spec branch";
  if (tickets.inReview.length > 0) return story("building", `Waiting for your review of ${listOf(tickets.inReview)}`, "warning");
  if (tickets.merging) return story("building", `Merging ${tickets.merging} into ${branch}`, "accent");
  if (tickets.running > 0) return story("building", `Building ${tickets.running} of ${tickets.total} tickets`, "accent");
  if (tickets.awaitingMerge.length > 0) return story("building", `Merging ${tickets.awaitingMerge[0]} into ${branch} next`, "accent");
  if (tickets.queued > 0) return story("building", `${count(tickets.queued, "ticket")} queued for an agent`, "accent");
  if (tickets.total > 0 && tickets.integrated === tickets.total) return story("building", `Testing ${branch} before it is done`, "accent");
  const waiting = tickets.total - tickets.integrated;
  return story("stopped", `Stopped — ${waiting} of ${tickets.total} tickets wait; run them from their pages`, "warning");
}

function failed(lastError: string | null, fallback: string, story: Tell): SpecStory {
  const reason = (lastError ?? "").trim() || fallback;
  const firstLine = reason.split("\n")[0]!.trim();
  const short = firstLine.length > MAX_REASON ? `${firstLine.slice(0, MAX_REASON - 1).trimEnd()}…` : firstLine;
  return story("failed", `Failed: ${short}`, "danger", short === reason ? null : reason);
}

/** Phases passed: those before the one the spec is at, all five once its plan is complete. */
function planProgress(spec: SpecStoryInput["spec"]): StoryProgress {
  const total = WORK_PHASES.length;
  const index = WORK_PHASES.indexOf(spec.currentPhase as (typeof WORK_PHASES)[number]);
  const passed = spec.generationStatus === "completed" || index === -1 ? total : index;
  return { value: passed, max: total, text: `${passed} of ${total} phases passed` };
}

const NO_TICKETS: SpecActivityDto["build"] = { total: 0, integrated: 0, byStatus: {}, blocked: 0, queued: 0, running: 0, inReview: [], awaitingMerge: [], merging: null };
const SHORT: Partial<Record<SpecStoryStage, string>> = { building: "Building", stopped: "Building", done: "Done", failed: "Failed" };

/**
 * The same story in a few words for a list of specs, which has the spec rows but not their tickets' counts: the
 * stage, and the phase or the gate while planning. Its bar is the plan's while planning and the build's after.
 */
export function deriveSpecListStatus(spec: Pick<SpecDto, "generationStatus" | "currentPhase" | "executionStatus">): { line: string; tone: BadgeTone; bar: "Plan" | "Build" } {
  const story = deriveSpecStory({ spec: { lastError: null, branch: null, ...spec }, activity: { phaseAttempt: null, phaseMaxAttempts: 0, build: NO_TICKETS } });
  const isBuild = spec.executionStatus !== "not_started" && story.stage !== "planning" && story.stage !== "approval";
  // Without the tickets' counts a running build cannot tell working from stopped (or waiting for a review): "Building".
  const isBuilding = story.stage === "building" || story.stage === "stopped";
  return { line: SHORT[story.stage] ?? story.line, tone: isBuilding ? "accent" : story.tone, bar: isBuild ? "Build" : "Plan" };
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
const listOf = (keys: readonly string[]) => (keys.length <= 2 ? keys.join(" and ") : `${keys.slice(0, 2).join(", ")} and ${keys.length - 2} more`);
