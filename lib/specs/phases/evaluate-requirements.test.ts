import { describe, expect, it } from "vitest";
import { evaluatePhase } from "@/lib/specs/phases/evaluate-phase";
import { requirementsExample, type RequirementsOutput } from "@/lib/specs/phases/requirements-output";

const base = requirementsExample.requirements[0]!;
const withRequirement = (patch: Partial<typeof base>) => ({ ...requirementsExample, requirements: [{ ...base, ...patch }] });

describe("the REQUIREMENTS gate", () => {
  it("stores the form the sentence has, not the one declared, and says so", () => {
    const raw = withRequirement({ earsType: "ubiquitous", condition: "" });
    const { evaluation: result, output } = evaluatePhase("requirements", raw);
    expect(result.passed).toBe(true);
    expect(result.warnings).toEqual([
      "REQ-THEME-001: earsType says ubiquitous but the sentence is event_driven EARS; stored as event_driven",
      'REQ-THEME-001: the condition was empty; stored as "a signed-in user selects a theme in settings" from the sentence',
    ]);
    const stored = (output as RequirementsOutput).requirements[0]!;
    expect(stored).toMatchObject({ earsType: "event_driven", condition: "a signed-in user selects a theme in settings" });
    // The caller's object is not touched.
    expect(raw.requirements[0]!.earsType).toBe("ubiquitous");
  });

  it("shows the model its own sentence in the form it declared", () => {
    const result = evaluatePhase("requirements", withRequirement({ earsType: "unwanted", condition: "the save fails", action: "keep the draft", text: "Keep the draft when the save fails." })).evaluation;
    expect(result.issueCodes).toEqual(["ears_form"]);
    expect(result.issues[0]).toContain("write it as: IF the save fails, THEN THE SYSTEM SHALL keep the draft.");
  });

  it("refuses keyword soup", () => {
    const result = evaluatePhase("requirements", withRequirement({ text: "WHEN WHEN, THE SYSTEM SHALL SHALL" })).evaluation;
    expect(result.issueCodes).toEqual(["keyword_soup"]);
    expect(result.issues[0]).toMatch(/^REQ-THEME-001: "WHEN WHEN, THE SYSTEM SHALL SHALL" is keyword soup, not a requirement/);
  });

  it.each(["TBD", "  ", "…", "...", "N/A", "-", "?", "tbd.", "TODO: write this", "n/a"])("refuses the placeholder criterion %j", (criterion) => {
    const result = evaluatePhase("requirements", withRequirement({ acceptanceCriteria: [...base.acceptanceCriteria, criterion] })).evaluation;
    expect(result.passed).toBe(false);
    expect(result.issueCodes).toEqual(["criteria_placeholder"]);
    expect(result.issues[0]).toBe("REQ-THEME-001: acceptance criteria #3 is blank or a placeholder; write what a tester can check");
  });

  it("flags a repeated criterion and counts only distinct ones", () => {
    const criterion = base.acceptanceCriteria[0]!;
    const result = evaluatePhase("requirements", withRequirement({ acceptanceCriteria: [criterion, ` ${criterion.toUpperCase()} `] })).evaluation;
    expect(result.issueCodes).toEqual(["criteria_duplicate", "criteria_too_few"]);
    expect(result.issues[1]).toBe("REQ-THEME-001: needs at least 2 checkable acceptance criteria (has 1)");
  });
});
