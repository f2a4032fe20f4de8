import { describe, expect, it } from "vitest";
import { matchVerdicts } from "./match-verdicts";
import { parseTaskResult } from "./parse-task-result";

describe("matchVerdicts", () => {
  const criteria = [
    { id: null, text: "It greets in French", requirement: null },
    { id: "c1", text: "It falls back to English", requirement: "REQ-1" },
    { id: "c2", text: "It never throws", requirement: "REQ-1" },
  ];

  it("pairs by id first, then by the same text (case and spacing aside); each verdict once; the rest apart", () => {
    const verdicts = [
      { criterionId: "c2", criterion: "whatever the agent called it", met: false, evidence: "throws on null" },
      { criterion: " it greets in  FRENCH", met: true, evidence: "test 1" },
      { criterion: "It greets in French", met: false, evidence: "a second verdict on the same criterion" },
      { criterion: "Docs updated", met: true, evidence: "README" },
    ];
    const { criteria: matched, otherVerdicts } = matchVerdicts(criteria, verdicts);
    expect(matched.map((c) => c.claim)).toEqual([{ met: true, evidence: "test 1" }, null, { met: false, evidence: "throws on null" }]);
    expect(otherVerdicts.map((v) => v.evidence)).toEqual(["a second verdict on the same criterion", "README"]);
  });
});

describe("parseTaskResult", () => {
  it("reads the agent's words and the server's delivery, skipping what does not read as expected", () => {
    expect(parseTaskResult(null)).toBeNull();
    expect(parseTaskResult({ summary: "  ", verdicts: [{ criterion: "x", met: "yes" }, { criterion: "y", met: true }], delivered: { sha: 1 } })).toEqual({
      summary: null,
      verdicts: [{ criterion: "y", met: true, evidence: "" }],
      delivered: null,
    });
    expect(parseTaskResult({ summary: "Done", delivered: { branch: "b", sha: "abc", base: null, commits: 3 } })).toEqual({
      summary: "Done",
      verdicts: [],
      delivered: { branch: "b", sha: "abc", commits: 3 },
    });
  });
});
