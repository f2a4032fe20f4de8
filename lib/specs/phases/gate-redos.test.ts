import { describe, expect, it } from "vitest";
import { evaluatePhase } from "@/lib/specs/phases/evaluate-phase";
import { recogniseEars } from "@/lib/specs/phases/ears/recognise-ears";

/** Texts built to make a backtracking regex explode; the gate must stay linear on all of them. */
const HOSTILE_RAW = [
  "WHEN " + "a ".repeat(1500),
  "THE SYSTEM SHALL ".repeat(200),
  "WHEN" + " WHEN".repeat(700),
  "WHEN " + "x".repeat(2990),
  "WHEN " + "a,".repeat(1495),
  "WHEN " + "a, ".repeat(990) + "THE SYSTEM SHALL",
  "IF " + "b THEN ".repeat(420),
  "THE " + "very ".repeat(590) + "SHALL do",
  "WHILE " + ", WHEN".repeat(490),
  "`".repeat(2999),
  "THE SYSTEM SHALL " + "not ".repeat(740),
];
/** The schema caps a requirement's text at 3,000 characters; longer ones would be refused before any parsing. */
const HOSTILE = HOSTILE_RAW.map((text) => text.slice(0, 3000));

const requirement = (text: string, i: number) => ({
  id: `REQ-SLOW-${String(i).padStart(3, "0")}`,
  title: "Hostile text",
  earsType: "event_driven",
  condition: text.slice(0, 1000),
  action: text.slice(0, 2000),
  text,
  priority: "LOW",
  acceptanceCriteria: [text.slice(0, 1000), `${text.slice(0, 990)} again`],
  dependencies: [],
});

describe("the gates on hostile input", () => {
  it("judge 100 requirements of 3,000 crafted characters each in well under a second", () => {
    const output = { requirements: Array.from({ length: 100 }, (_, i) => requirement(HOSTILE[i % HOSTILE.length]!, i)) };
    for (const r of output.requirements) expect(r.text.length).toBeGreaterThan(2900);
    const started = performance.now();
    const result = evaluatePhase("requirements", output).evaluation;
    const elapsed = performance.now() - started;
    expect(result.passed).toBe(false);
    expect(elapsed).toBeLessThan(1000);
  });

  it("recognise each hostile sentence in linear time (10× the text costs at most ~10× the time)", () => {
    for (const text of HOSTILE_RAW) {
      const time = (input: string) => {
        const started = performance.now();
        for (let i = 0; i < 20; i++) recogniseEars(input);
        return performance.now() - started;
      };
      const small = time(text.slice(0, 300));
      const large = time(text);
      // Generous: only a quadratic (or worse) blow-up fails this.
      expect(large).toBeLessThan(Math.max(small * 40, 50));
    }
  });

  it("judge a design whose architecture is 20,000 characters of placeholders and punctuation quickly", () => {
    const started = performance.now();
    const result = evaluatePhase("design", {
      architecture: "TODO ... , ".repeat(1800).slice(0, 20_000),
      components: [{ name: "x", responsibility: "y", interfaces: [], files: [] }],
      dataModels: [],
      apiEndpoints: [],
      errorHandling: [],
      testingStrategy: "TODO",
      securityNotes: [],
    }).evaluation;
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.issueCodes).toContain("architecture_placeholder");
  });
});
