import { describe, expect, it } from "vitest";
import { criterionState, designComponents, designEndpoints, groupTasksByWave, linesOf, splitEars, stringList } from "./spec-content";

const keywords = (text: string) =>
  splitEars(text)
    .filter((s) => s.keyword)
    .map((s) => s.text);

describe("splitEars", () => {
  it("emphasizes EARS keywords and keeps the text intact", () => {
    const text = "WHEN a signed-in user selects a theme, THE SYSTEM SHALL apply it at once.";
    expect(keywords(text)).toEqual(["WHEN", "THE SYSTEM SHALL"]);
    expect(splitEars(text).map((s) => s.text).join("")).toBe(text);
  });

  it("handles unwanted and negative forms", () => {
    expect(keywords("IF the token is expired, THEN THE SYSTEM SHALL NOT accept the request")).toEqual(["IF", "THEN", "THE SYSTEM SHALL NOT"]);
    expect(keywords("WHILE offline, THE app SHALL queue writes")).toEqual(["WHILE", "SHALL"]);
  });

  it("leaves lowercase words mid-sentence alone but takes an opening keyword and 'the system shall'", () => {
    expect(keywords("when saved, the system shall notify if needed")).toEqual(["when", "the system shall"]);
    expect(keywords("Plain text")).toEqual([]);
  });
});

describe("criterionState", () => {
  it("tells unknown from not met", () => {
    expect(criterionState({ met: true, evidence: null })).toBe("met");
    expect(criterionState({ met: false, evidence: "test failed" })).toBe("not_met");
    expect(criterionState({ met: false, evidence: null })).toBe("unknown");
  });
});

describe("groupTasksByWave", () => {
  it("orders waves and puts unscheduled tasks last", () => {
    const groups = groupTasksByWave([
      { id: "a", wave: 1 },
      { id: "b", wave: null },
      { id: "c", wave: 0 },
      { id: "d", wave: 1 },
    ]);
    expect(groups.map((g) => [g.wave, g.tasks.map((t) => t.id)])).toEqual([
      [0, ["c"]],
      [1, ["a", "d"]],
      [null, ["b"]],
    ]);
  });
});

describe("design readers", () => {
  it("drop malformed entries instead of failing", () => {
    expect(designComponents([{ name: "A", responsibility: "r", interfaces: ["f()"] }, { nope: true }, "x"])).toEqual([
      { name: "A", responsibility: "r", interfaces: ["f()"], files: [] },
    ]);
    expect(designComponents(null)).toEqual([]);
    expect(designEndpoints([{ method: "GET", path: "/x", description: "d" }])).toHaveLength(1);
    expect(stringList(["a", 1, "b"])).toEqual(["a", "b"]);
    expect(linesOf("one\n\n two \n")).toEqual(["one", "two"]);
    expect(linesOf(null)).toEqual([]);
  });
});
