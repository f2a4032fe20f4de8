import { describe, expect, it } from "vitest";
import { runState, type RunStateInput } from "./run-state";

const input = (overrides: Partial<RunStateInput> = {}): RunStateInput => ({
  ticket: { status: "backlog" },
  tasks: [{ status: "pending", integration: null, runRequested: false }],
  dependsOn: [],
  spec: null,
  autoRun: false,
  ...overrides,
});
const task = (status: RunStateInput["tasks"][number]["status"], extra: Partial<RunStateInput["tasks"][number]> = {}) => ({ status, integration: null, runRequested: false, ...extra });

describe("runState", () => {
  it("offers Run on a quick ticket waiting for it, saying auto-run is off", () => {
    expect(runState(input())).toEqual({ run: "Run", canCancel: false, canReopen: false, note: expect.stringMatching(/^Waits for Run: the project's auto-run is off/) });
    expect(runState(input({ spec: { branch: null } })).note).toMatch(/the spec does not run its tickets by itself/);
  });

  it("names the unfinished dependencies: Run still queues it, a queued one just waits", () => {
    const dependsOn = [
      { key: "OMOI-1", status: "done" as const },
      { key: "OMOI-2", status: "building" as const },
      { key: "OMOI-3", status: "backlog" as const },
    ];
    expect(runState(input({ dependsOn }))).toMatchObject({ run: "Run", note: "Waits for OMOI-2 and OMOI-3: Run queues it, and an agent starts once they are done." });
    expect(runState(input({ dependsOn, tasks: [task("queued")] }))).toMatchObject({ run: null, canCancel: true, note: "Queued: waits for OMOI-2 and OMOI-3. An agent starts once they are done." });
  });

  it("hides Run while queued or running, and says who queued it", () => {
    expect(runState(input({ autoRun: true, tasks: [task("queued")] }))).toMatchObject({ run: null, canCancel: true, note: expect.stringMatching(/^The project has auto-run on: it starts/) });
    expect(runState(input({ tasks: [task("queued", { runRequested: true })] })).note).toMatch(/^Queued: it starts/);
    expect(runState(input({ tasks: [task("running")] }))).toMatchObject({ run: null, canCancel: true });
  });

  it("hides Run while the work waits for review or is merged", () => {
    for (const integration of ["review", "queued", "integrating"] as const) {
      expect(runState(input({ ticket: { status: "review" }, tasks: [task("completed", { integration })] }))).toMatchObject({ run: null, canCancel: false, canReopen: false });
    }
  });

  it("offers Run again after a failure or a cancel, and Reopen (not Run) on a done ticket", () => {
    expect(runState(input({ tasks: [task("failed")] }))).toMatchObject({ run: "Run again", note: expect.stringMatching(/fresh set of attempts/) });
    expect(runState(input({ tasks: [task("cancelled")] })).run).toBe("Run again");
    expect(runState(input({ ticket: { status: "done" }, tasks: [task("completed")] }))).toEqual({ run: null, canCancel: false, canReopen: true, note: null });
    const merged = runState(input({ ticket: { status: "done" }, spec: { branch: "omoi/x/spec-1" }, tasks: [task("completed", { integration: "integrated" })] }));
    expect(merged.note).toBe("Done: its work is merged into omoi/x/spec-1. Reopening it does not take the work out of that branch.");
  });
});
