import { describe, expect, it } from "vitest";
import { deriveSpecListStatus, deriveSpecStory, type SpecStoryInput } from "./spec-story";

type Spec = SpecStoryInput["spec"];
type Build = SpecStoryInput["activity"]["build"];

const BRANCH = "omoi/greeter-1a2b3c/spec-7";
const noTickets: Build = { total: 0, integrated: 0, byStatus: {}, blocked: 0, queued: 0, running: 0, inReview: [], awaitingMerge: [], merging: null };
const tickets = (overrides: Partial<Build> = {}): Build => ({ ...noTickets, total: 5, byStatus: { backlog: 5 }, ...overrides });

function story(spec: Partial<Spec>, activity: { phaseAttempt?: number | null; build?: Build } = {}) {
  return deriveSpecStory({
    spec: { generationStatus: "running", currentPhase: "explore", executionStatus: "not_started", lastError: null, branch: null, ...spec },
    activity: { phaseAttempt: activity.phaseAttempt ?? null, phaseMaxAttempts: 3, build: activity.build ?? noTickets },
  });
}
const building = (build: Partial<Build>, spec: Partial<Spec> = {}) =>
  story({ generationStatus: "completed", currentPhase: "complete", executionStatus: "running", branch: BRANCH, ...spec }, { build: tickets(build) });

describe("deriveSpecStory", () => {
  it("tells a draft apart from a plan that is complete but not built", () => {
    expect(story({ generationStatus: "draft" })).toMatchObject({ stage: "draft", line: "Draft — not planned yet", tone: "neutral", plan: { value: 0, max: 5 }, build: null });
    expect(story({ generationStatus: "completed", currentPhase: "complete" })).toMatchObject({
      stage: "planned",
      line: "Planned — execute its tasks to build it",
      plan: { value: 5, max: 5, text: "5 of 5 phases passed" },
    });
  });

  it("names the phase and the agent's attempt while planning; the plan counts the phases before it", () => {
    expect(story({ currentPhase: "design" }, { phaseAttempt: 2 })).toMatchObject({
      stage: "planning",
      line: "Planning: design, attempt 2/3",
      tone: "accent",
      plan: { value: 2, max: 5, text: "2 of 5 phases passed" },
      build: null,
    });
    // Between phases, or while the sandbox starts, no attempt runs yet; SYNC is the server's and has no attempts.
    expect(story({ currentPhase: "requirements" }).line).toBe("Planning: requirements");
    expect(story({ currentPhase: "sync" }, { phaseAttempt: 1 }).line).toBe("Planning: sync");
  });

  it("says which output waits for approval", () => {
    expect(story({ generationStatus: "awaiting_approval", currentPhase: "design" })).toMatchObject({
      stage: "approval",
      line: "Waiting for your approval of the requirements",
      tone: "warning",
      plan: { value: 2 },
    });
    expect(story({ generationStatus: "awaiting_approval", currentPhase: "tasks" }).line).toBe("Waiting for your approval of the design");
  });

  it("tells what the build does, what needs a person first", () => {
    expect(building({ running: 2, queued: 1, integrated: 1 })).toMatchObject({
      stage: "building",
      line: "Building 2 of 5 tickets",
      tone: "accent",
      plan: { value: 5 },
      build: { value: 1, max: 5, text: "1 of 5 tickets integrated" },
    });
    expect(building({ running: 1, merging: "OMOI-3" }).line).toBe(`Merging OMOI-3 into ${BRANCH}`);
    expect(building({ running: 1, merging: "OMOI-3", inReview: ["OMOI-2"] })).toMatchObject({ line: "Waiting for your review of OMOI-2", tone: "warning" });
    expect(building({ inReview: ["OMOI-1", "OMOI-2", "OMOI-4", "OMOI-5"] }).line).toBe("Waiting for your review of OMOI-1, OMOI-2 and 2 more");
    expect(building({ awaitingMerge: ["OMOI-4", "OMOI-5"] }).line).toBe(`Merging OMOI-4 into ${BRANCH} next`);
    expect(building({ queued: 3 }).line).toBe("3 tickets queued for an agent");
    expect(building({ queued: 1 }).line).toBe("1 ticket queued for an agent");
    expect(building({ integrated: 5 }).line).toBe(`Testing ${BRANCH} before it is done`);
  });

  it("says a build whose agents were all stopped waits for a person", () => {
    expect(building({ integrated: 2 })).toMatchObject({ stage: "stopped", line: "Stopped — 3 of 5 tickets wait; run them from their pages", tone: "warning", build: { value: 2, max: 5 } });
  });

  it("says done, merged into the spec branch", () => {
    const done = building({ integrated: 5, byStatus: { done: 5 } }, { executionStatus: "completed" });
    expect(done).toMatchObject({ stage: "done", line: `Done — merged into ${BRANCH}`, tone: "success", plan: { value: 5 }, build: { value: 5, max: 5 } });
    expect(building({ integrated: 5 }, { executionStatus: "completed", branch: null })).toMatchObject({ line: "Done — all 5 tickets done", build: { text: "5 of 5 tickets done" } });
    expect(story({ generationStatus: "completed", currentPhase: "complete", executionStatus: "completed" }).line).toBe("Done — the plan has nothing to build");
  });

  it("gives the reason of a failure, shortened on the line and whole in the detail", () => {
    expect(story({ generationStatus: "failed", currentPhase: "design", lastError: "design failed 3 attempts: components missing" })).toMatchObject({
      stage: "failed",
      line: "Failed: design failed 3 attempts: components missing",
      tone: "danger",
      detail: null,
      plan: { value: 2 },
    });
    expect(story({ generationStatus: "failed", currentPhase: "tasks" }).line).toBe("Failed: planning stopped at tasks");
    const long = `OMOI-2: Failed 3 times; last: tests failed\n${"x".repeat(5000)}`;
    const failedBuild = building({ integrated: 1, blocked: 1 }, { executionStatus: "failed", lastError: long });
    expect(failedBuild).toMatchObject({ stage: "failed", line: "Failed: OMOI-2: Failed 3 times; last: tests failed", detail: long, build: { value: 1 } });
    expect(building({}, { executionStatus: "failed", lastError: "y".repeat(500) }).line).toHaveLength("Failed: ".length + 200);
  });

  it("says cancelled, without the stored 'Cancelled' error", () => {
    expect(story({ generationStatus: "cancelled", currentPhase: "design", lastError: "Cancelled" })).toMatchObject({ stage: "cancelled", line: "Cancelled", tone: "neutral", detail: null });
  });

  it("puts planning first when a built spec is planned again, and never reads completed and running at once", () => {
    const redo = story({ generationStatus: "running", currentPhase: "design", executionStatus: "completed", branch: BRANCH }, { phaseAttempt: 1, build: tickets({ integrated: 5 }) });
    expect(redo).toMatchObject({ stage: "planning", line: "Planning: design, attempt 1/3", plan: { value: 2 }, build: { value: 5 } });
    for (const s of [redo, building({ running: 1 }), building({}, { executionStatus: "completed" })]) {
      expect(/completed|running/i.test(s.line)).toBe(false);
    }
  });
});

describe("deriveSpecListStatus", () => {
  const spec = (overrides: Partial<Spec>): Spec => ({ generationStatus: "running", currentPhase: "design", executionStatus: "not_started", lastError: null, branch: null, ...overrides });

  it("says the stage in a few words, and which progress its bar shows", () => {
    expect(deriveSpecListStatus(spec({}))).toEqual({ line: "Planning: design", tone: "accent", bar: "Plan" });
    expect(deriveSpecListStatus(spec({ generationStatus: "awaiting_approval" }))).toEqual({ line: "Waiting for your approval of the requirements", tone: "warning", bar: "Plan" });
    const built = { generationStatus: "completed", currentPhase: "complete", branch: BRANCH } as const;
    expect(deriveSpecListStatus(spec({ ...built, executionStatus: "running" }))).toEqual({ line: "Building", tone: "accent", bar: "Build" });
    expect(deriveSpecListStatus(spec({ ...built, executionStatus: "completed" }))).toEqual({ line: "Done", tone: "success", bar: "Build" });
    expect(deriveSpecListStatus(spec({ ...built, executionStatus: "failed", lastError: "OMOI-2 failed" }))).toEqual({ line: "Failed", tone: "danger", bar: "Build" });
    expect(deriveSpecListStatus(spec({ generationStatus: "cancelled" }))).toEqual({ line: "Cancelled", tone: "neutral", bar: "Plan" });
    expect(deriveSpecListStatus(spec({ generationStatus: "draft", currentPhase: "explore" })).line).toBe("Draft — not planned yet");
  });
});
