import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgentHarness, waitFor, type AgentHarness } from "@/test/agent-harness";
import { scriptedSpecAgent } from "@/test/fake-anthropic/scripted-spec-agent";

// A real spec run (agent in a local sandbox, the worker, the proxy, the scripted model) against the server's default
// per-spec budget: the agent's first model call spends more than the budget, the next one is refused with 402, and
// the spec fails with that reason instead of running on.
let h: AgentHarness;
let lib: {
  db: typeof import("@/lib/db/client").db;
  launchSpec: typeof import("@/lib/specs/launch-spec").launchSpec;
  createTestUser: typeof import("@/test/factories").createTestUser;
  createTestProject: typeof import("@/test/factories").createTestProject;
};

beforeAll(async () => {
  // A project without a budget of its own gets SPEC_BUDGET_USD; one scripted model call costs more than this.
  process.env.SPEC_BUDGET_USD = "0.001";
  h = await startAgentHarness({ name: "specbudget", script: scriptedSpecAgent() });
  lib = {
    db: (await import("@/lib/db/client")).db,
    launchSpec: (await import("@/lib/specs/launch-spec")).launchSpec,
    createTestUser: (await import("@/test/factories")).createTestUser,
    createTestProject: (await import("@/test/factories")).createTestProject,
  };
  await h.startWorker();
});

afterAll(async () => {
  delete process.env.SPEC_BUDGET_USD;
  await h?.close();
});

describe("a spec's default budget", () => {
  it("stops the spec at the budget, with the reason on the spec", async () => {
    const user = await lib.createTestUser();
    const project = await lib.createTestProject(user.id, { repoUrl: h.sampleRepo, testCommand: "node --test" });
    const before = h.fake.messageRequests().length;
    const { specId } = await lib.launchSpec({ userId: user.id, input: { projectId: project.id, prompt: "Let greet() speak French", approvalMode: "auto", autoExecute: false } });

    const spec = await waitFor("the spec to stop", async () => {
      const row = await lib.db.spec.findUniqueOrThrow({ where: { id: specId } });
      return ["failed", "completed"].includes(row.generationStatus) && row;
    }, 30_000);
    expect(spec.generationStatus).toBe("failed");
    expect(spec.lastError).toMatch(/^explore: budget_exceeded: The server's default budget of \$0\.0010 per spec \(SPEC_BUDGET_USD;/);
    expect(spec.lastError).toContain("is spent");
    expect(Number(spec.costUsd)).toBeGreaterThan(0.001);
    // Metering lands after each response, so at most one call past the one that spent the budget reached the model.
    const calls = h.fake.messageRequests().length - before;
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(2);
    const failed = await lib.db.sandboxEvent.findFirstOrThrow({ where: { specId, type: "spec.execution_failed" } });
    expect(JSON.stringify(failed.data)).toContain("budget_exceeded");
  }, 60_000);
});
