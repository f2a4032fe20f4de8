import { describe, expect, it } from "vitest";
import { evaluatePhase, type PhaseJudgement } from "@/lib/specs/phases/evaluate-phase";
import type { RequirementsOutput } from "@/lib/specs/phases/requirements-output";
import { gateCorpus, type CorpusEntry } from "@/test/fixtures/gate-corpus";

/** What is wrong with the gate's verdict on an entry, or null when it judged as a careful reviewer would. */
function misjudgement(entry: CorpusEntry, { evaluation: result, output }: PhaseJudgement): string | null {
  if (entry.verdict === "bad") {
    if (result.passed) return "passed but is bad";
    const missing = entry.codes.filter((code) => !result.issueCodes.includes(code));
    return missing.length ? `missing code(s) ${missing.join(", ")}; got ${result.issueCodes.join(", ")}` : null;
  }
  if (!result.passed) return `refused but is good: ${result.issues.join(" | ")}`;
  for (const path of entry.dropped ?? []) {
    if (!result.warnings.includes(`${path}: unknown field, dropped`)) return `no warning for ${path}`;
    if (valueAt(output, path) !== undefined) return `${path} is still in the stored output`;
  }
  if (entry.storedEarsTypes) {
    const stored = (output as RequirementsOutput).requirements.map((r) => r.earsType);
    if (stored.join() !== entry.storedEarsTypes.join()) return `stored earsTypes ${stored.join(", ")}, expected ${entry.storedEarsTypes.join(", ")}`;
  }
  return null;
}

function valueAt(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), value);
}

const percent = (part: number, whole: number) => (whole === 0 ? "n/a" : `${Math.round((part / whole) * 1000) / 10} %`);

describe("the gate calibration corpus", () => {
  it("is large and varied enough to calibrate on", () => {
    expect(gateCorpus.length).toBeGreaterThanOrEqual(60);
    const names = gateCorpus.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const phase of ["requirements", "design", "tasks"]) {
      expect(gateCorpus.filter((e) => e.phase === phase && e.verdict === "good").length, phase).toBeGreaterThanOrEqual(3);
      expect(gateCorpus.filter((e) => e.phase === phase && e.verdict === "bad").length, phase).toBeGreaterThanOrEqual(3);
    }
    expect(gateCorpus.filter((e) => e.phase === "requirements").length * 2).toBeGreaterThan(gateCorpus.length);
    // Good outputs are full outputs: every requirement with at least two criteria.
    for (const entry of gateCorpus.filter((e) => e.phase === "requirements" && e.verdict === "good")) {
      for (const r of (entry.output as RequirementsOutput).requirements) expect(r.acceptanceCriteria.length, entry.name).toBeGreaterThanOrEqual(2);
    }
  });

  it("judges every entry as expected (precision and recall of refusing bad outputs: 100 %)", () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const misjudged: string[] = [];
    for (const entry of gateCorpus) {
      const judged = evaluatePhase(entry.phase, entry.output, { requirements: entry.requirements });
      const wrong = misjudgement(entry, judged);
      const result = judged.evaluation;
      if (wrong) misjudged.push(`${entry.phase} "${entry.name}": ${wrong}`);
      // Positive = refused. A bad output refused for the wrong reasons counts as missed.
      if (!result.passed && entry.verdict === "bad" && !wrong) truePositives++;
      else if (!result.passed && entry.verdict === "good") falsePositives++;
      else if (entry.verdict === "bad") falseNegatives++;
    }
    const precision = percent(truePositives, truePositives + falsePositives);
    const recall = percent(truePositives, truePositives + falseNegatives);
    console.log(`gate corpus: ${gateCorpus.length} outputs, precision ${precision}, recall ${recall}`);
    expect(misjudged).toEqual([]);
  });
});
