import { describe, expect, it } from "vitest";
import { labelOf, phaseOutputText } from "./phase-output-text";
import { diffText } from "./text-diff";

describe("phaseOutputText", () => {
  it("writes an output as labelled lines, list items as '- …', nested items indented", () => {
    const text = phaseOutputText({
      requirements: [{ id: "REQ-GREET-001", acceptanceCriteria: ["greet('Ana', 'fr') is 'Bonjour, Ana'", "German too"], dependencies: [] }],
      assumptions: ["Language codes are ISO 639-1"],
      outOfScope: [],
      summary: "Two lines\nof summary",
      score: 0.9,
      extra: null,
    });
    expect(text.split("\n")).toEqual([
      "Summary:",
      "  Two lines",
      "  of summary",
      "Requirements:",
      "  - ID: REQ-GREET-001",
      "    Acceptance criteria:",
      "      - greet('Ana', 'fr') is 'Bonjour, Ana'",
      "      - German too",
      "    Dependencies: (none)",
      "Assumptions:",
      "  - Language codes are ISO 639-1",
      "Out of scope: (none)",
      "Score: 0.9",
      "Extra: (none)",
    ]);
  });

  it("lists fields in the phases' own order, whatever order they were stored in (jsonb keeps keys by length)", () => {
    const stored = { outOfScope: ["RTL"], assumptions: [], requirements: [{ text: "WHEN …", title: "Greet", id: "REQ-GREET-001", zzz: 1 }] };
    expect(phaseOutputText(stored).split("\n")).toEqual([
      "Requirements:",
      "  - ID: REQ-GREET-001",
      "    Title: Greet",
      "    Text: WHEN …",
      "    Zzz: 1",
      "Assumptions: (none)",
      "Out of scope:",
      "  - RTL",
    ]);
  });

  it("names fields in words", () => {
    expect(["techStack", "earsType", "apiEndpoints", "key_files", "summary"].map(labelOf)).toEqual(["Tech stack", "EARS type", "API endpoints", "Key files", "Summary"]);
  });
});

describe("diffText", () => {
  it("marks added and removed lines, keeps context around them and folds the rest", () => {
    const before = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].join("\n");
    const after = ["a", "b", "c", "d", "e", "F", "g", "h", "i", "j", "k"].join("\n");
    const { rows, added, removed } = diffText(before, after, 1);
    expect({ added, removed }).toEqual({ added: 2, removed: 1 });
    expect(rows).toEqual([
      { kind: "skipped", count: 4 },
      { kind: "same", text: "e" },
      { kind: "removed", text: "f" },
      { kind: "added", text: "F" },
      { kind: "same", text: "g" },
      { kind: "skipped", count: 2 },
      { kind: "same", text: "j" },
      { kind: "added", text: "k" },
    ]);
  });

  it("has no changed rows for equal texts", () => {
    expect(diffText("same\ntext", "same\ntext")).toEqual({ rows: [{ kind: "skipped", count: 2 }], added: 0, removed: 0 });
  });
});
