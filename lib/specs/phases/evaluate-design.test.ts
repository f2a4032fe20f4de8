import { describe, expect, it } from "vitest";
import { designExample } from "@/lib/specs/phases/design-output";
import { evaluatePhase } from "@/lib/specs/phases/evaluate-phase";
import { requirementsExample } from "@/lib/specs/phases/requirements-output";

const context = { requirements: requirementsExample };
const bare = { ...designExample, dataModels: [], apiEndpoints: [] };

describe("the DESIGN gate", () => {
  it("refuses an architecture of placeholders, and only warns about a stray one", () => {
    const skeleton = evaluatePhase("design", { ...designExample, architecture: `## Overview\n${"TODO\n".repeat(40)}The theme is stored on the user.` }).evaluation;
    expect(skeleton.issueCodes).toEqual(["architecture_placeholder", "architecture_too_short"]);
    const stray = evaluatePhase("design", { ...designExample, architecture: `${designExample.architecture} TODO: confirm the default with design.` }).evaluation;
    expect(stray.passed).toBe(true);
    expect(stray.warnings).toEqual(["architecture: 1 placeholder(s) left (TODO:); resolve them"]);
  });

  it("refuses a design without data models or endpoints when the requirements store data or name an API", () => {
    expect(evaluatePhase("design", bare, context).evaluation.issueCodes).toEqual(["data_model_missing"]);
    const api = { requirements: [{ ...requirementsExample.requirements[0]!, text: "WHEN a client calls the themes API, THE SYSTEM SHALL list the themes.", action: "list the themes" }] };
    expect(evaluatePhase("design", bare, { requirements: { ...requirementsExample, ...api } }).evaluation.issueCodes).toEqual(["endpoint_missing"]);
  });

  it("accepts it when the architecture says in words that none is needed", () => {
    for (const why of ["There is no new data model: the theme lives in the existing preferences JSON.", "The data model is unchanged; the theme reuses User.preferences."]) {
      const result = evaluatePhase("design", { ...bare, architecture: `${designExample.architecture}\n\n${why}` }, context).evaluation;
      expect(result.issues, why).toEqual([]);
    }
  });

  it("skips the check when the requirements are not given", () => {
    expect(evaluatePhase("design", bare).evaluation.issues).toEqual([]);
  });
});
