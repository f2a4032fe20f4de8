import { describe, expect, it } from "vitest";
import { evaluatePhase } from "@/lib/specs/phases/evaluate-phase";
import { designExample } from "@/lib/specs/phases/design-output";
import { exploreExample } from "@/lib/specs/phases/explore-output";
import { requirementsExample, type RequirementsOutput } from "@/lib/specs/phases/requirements-output";
import { tasksExample } from "@/lib/specs/phases/tasks-output";

const req = (id: string, text: string, earsType = "event_driven", criteria = ["a", "b"], dependencies: string[] = []) => ({
  id,
  title: `Capability ${id}`,
  earsType,
  condition: earsType === "ubiquitous" ? "" : "something happens",
  action: "do it",
  text,
  priority: "MEDIUM",
  acceptanceCriteria: criteria,
  dependencies,
});
const task = (id: string, dependsOn: string[] = [], requirementRefs = ["REQ-THEME-001"], estimateHours = 2) => ({
  id,
  title: `Task ${id}`,
  description: "Do it in lib/x.ts",
  files: ["lib/x.ts"],
  priority: "HIGH",
  estimateHours,
  dependsOn,
  requirementRefs,
  acceptanceCriteria: ["works"],
});

describe("the phase gates", () => {
  it("pass the examples that the prompts show, each as shown and with the passed requirements where a phase has them", () => {
    const context = { requirements: requirementsExample };
    const results = {
      explore: evaluatePhase("explore", exploreExample),
      requirements: evaluatePhase("requirements", requirementsExample),
      design: evaluatePhase("design", designExample, context),
      tasks: evaluatePhase("tasks", tasksExample, context),
    };
    for (const [phase, result] of Object.entries(results)) {
      expect(result.evaluation, phase).toMatchObject({ passed: true, issues: [], issueCodes: [], warnings: [] });
      expect(result.output, phase).toEqual({ explore: exploreExample, requirements: requirementsExample, design: designExample, tasks: tasksExample }[phase]);
    }
  });

  it("refuse a malformed output with schema issues naming the field", () => {
    const { evaluation: result, output } = evaluatePhase("requirements", { requirements: [{ id: "REQ-A-001" }] });
    expect(result).toMatchObject({ passed: false, score: 0, subScores: { schema: 0 } });
    expect(output).toBeUndefined();
    expect(new Set(result.issueCodes)).toEqual(new Set(["schema"]));
    expect(result.issues.join("\n")).toContain("requirements.0.title");
  });

  it("check EARS form by declared type, ids, criteria and references", () => {
    const result = evaluatePhase("requirements", {
      requirements: [
        req("REQ-UI-001", "WHEN the user clicks save, THE SYSTEM SHALL store the form."),
        req("REQ-UI-002", "THE SYSTEM SHALL log every request.", "ubiquitous"),
        req("REQ-UI-003", "IF the network fails, THEN THE SYSTEM SHALL retry twice.", "unwanted"),
        req("REQ-UI-004", "WHILE offline, THE SYSTEM SHALL queue writes.", "state_driven"),
        req("REQ-UI-005", "Users can export data.", "event_driven"),
        req("REQ-UI-006", "WHEN x, THE SYSTEM SHALL y.", "event_driven", ["only one"]),
        req("bad-id", "THE SYSTEM SHALL z.", "ubiquitous", ["a", "b"], ["REQ-UI-999"]),
        req("REQ-UI-001", "THE SYSTEM SHALL dup.", "ubiquitous"),
      ],
    }).evaluation;
    expect(result.passed).toBe(false);
    const issues = result.issues.join("\n");
    expect(issues).toContain("REQ-UI-005");
    expect(issues).toMatch(/REQ-UI-005: "Users can export data\." is not in event_driven EARS form/);
    expect(issues).toContain("REQ-UI-006: needs at least 2 checkable acceptance criteria (has 1)");
    expect(issues).toContain("bad-id: ids look like REQ-<AREA>-<NNN>");
    expect(issues).toContain("REQ-UI-001: the id is used more than once");
    expect(issues).toContain("bad-id: depends on REQ-UI-999");
    expect(issues).not.toMatch(/REQ-UI-00[234]/);
    expect(issues).toContain('REQ-UI-005: "Users can export data." is not in event_driven EARS form (there is no SHALL');
    expect(issues).toContain("write it as: WHEN something happens, THE SYSTEM SHALL do it.");
    expect(result.issueCodes).toEqual(expect.arrayContaining(["bad_id", "duplicate_id", "ears_form", "criteria_too_few", "unknown_ref"]));
    expect(result.issueCodes).toHaveLength(result.issues.length);
    expect(result.subScores.ears_form).toBeCloseTo(7 / 8, 3);
  });

  it("compute the task graph: cycles, unknown dependencies, sizes and requirement coverage", () => {
    const requirements: RequirementsOutput = {
      requirements: [req("REQ-THEME-001", "THE SYSTEM SHALL a.", "ubiquitous"), req("REQ-THEME-002", "THE SYSTEM SHALL b.", "ubiquitous")] as never,
      assumptions: [],
      outOfScope: [],
    };
    const cyclic = evaluatePhase("tasks", { tasks: [task("TSK-001", ["TSK-002"]), task("TSK-002", ["TSK-001"], ["REQ-THEME-002"])] }, { requirements }).evaluation;
    expect(cyclic.passed).toBe(false);
    expect(cyclic.issues.join("\n")).toMatch(/cycle TSK-00\d → TSK-00\d → TSK-00\d/);
    expect(cyclic.subScores.acyclic).toBe(0);

    const gaps = evaluatePhase("tasks", { tasks: [task("TSK-001", ["TSK-404"], ["REQ-THEME-001", "REQ-NOPE-001"], 12)] }, { requirements }).evaluation;
    const issues = gaps.issues.join("\n");
    expect(issues).toContain("dependsOn: TSK-001 → TSK-404 does not exist");
    expect(issues).toContain("TSK-001: estimate 12 h");
    expect(issues).toContain("TSK-001: REQ-NOPE-001 is not a requirement of this spec");
    expect(issues).toContain("REQ-THEME-002: no task implements this requirement");
  });

  it("require EXPLORE's key files to exist when the workspace can be asked, and a substantial design", () => {
    const explore = evaluatePhase("explore", { ...exploreExample, summary: "x".repeat(100) }, { fileExists: (p) => p.startsWith("app/") }).evaluation;
    expect(explore.passed).toBe(false);
    expect(explore.issues).toEqual(['keyFiles: "lib/users/update-user.ts" does not exist in the workspace']);
    const design = evaluatePhase("design", { ...designExample, architecture: "The theme is stored on the user.", components: [] }).evaluation;
    expect(design.issueCodes).toEqual(["architecture_too_short", "components_missing"]);
    expect(design.issues.join("\n")).toMatch(/architecture: \d+ words/);
    expect(design.issues.join("\n")).toContain("components: name the components");
  });
});
