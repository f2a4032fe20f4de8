import { describe, expect, it } from "vitest";
import { findDesignNeeds } from "@/lib/specs/phases/design-needs/find-design-needs";
import { findDesignWaivers } from "@/lib/specs/phases/design-needs/find-design-waivers";
import { requirementsExample } from "@/lib/specs/phases/requirements-output";

describe("what requirements ask of a design", () => {
  it("finds storage and API words in the requirements' sentences and actions", () => {
    const r = requirementsExample.requirements[0]!;
    const needs = findDesignNeeds({
      ...requirementsExample,
      requirements: [
        { ...r, id: "REQ-A-001", text: "THE SYSTEM SHALL persist drafts.", action: "persist drafts" },
        { ...r, id: "REQ-A-002", text: "WHEN a client calls GET /api/v1/drafts, THE SYSTEM SHALL list them.", action: "list drafts" },
        { ...r, id: "REQ-A-003", text: "THE SYSTEM SHALL greet people.", action: "greet people" },
      ],
    });
    expect(needs).toEqual({ data: ["REQ-A-001"], api: ["REQ-A-002"] });
  });

  it.each([
    ["There is no new data model.", { data: true, api: false }],
    ["No schema change is needed.", { data: true, api: false }],
    ["It ships without a migration.", { data: true, api: false }],
    ["No new endpoint: the existing settings route serves it.", { data: false, api: true }],
    ["The data model is unchanged; the API stays unchanged too.", { data: true, api: true }],
    ["The data model, the API and the rest of it are unchanged.", { data: false, api: false }],
    ["The theme is stored on the user through a new endpoint.", { data: false, api: false }],
  ])("reads %j as %j", (architecture, waivers) => {
    expect(findDesignWaivers(architecture)).toEqual(waivers);
  });
});
