import { describe, expect, it } from "vitest";
import { analyzeTaskGraph } from "@/lib/specs/task-graph";

const t = (id: string, dependsOn: string[] = [], estimateHours = 1) => ({ id, dependsOn, estimateHours });

describe("analyzeTaskGraph", () => {
  it("computes waves and the critical path by hours", () => {
    const graph = analyzeTaskGraph([t("A", [], 2), t("B", ["A"], 1), t("C", ["A"], 5), t("D", ["B", "C"], 1), t("E")]);
    expect(graph.cycles).toEqual([]);
    expect(graph.waves).toEqual([["A", "E"], ["B", "C"], ["D"]]);
    expect(graph.criticalPath).toEqual(["A", "C", "D"]);
    expect(graph.criticalPathHours).toBe(8);
  });

  it("finds cycles (including self-loops) and unknown references instead of trusting the plan", () => {
    const graph = analyzeTaskGraph([t("A", ["C"]), t("B", ["A"]), t("C", ["B"]), t("D", ["D"]), t("E", ["X"])]);
    expect(graph.cycles).toHaveLength(2);
    expect(graph.cycles.find((cycle) => cycle.length === 4)!.slice().sort()).toEqual(["A", "A", "B", "C"].sort());
    expect(graph.cycles).toContainEqual(["D", "D"]);
    expect(graph.unknownRefs).toEqual(["E → X"]);
    expect(graph.waves).toEqual([]);
  });
});
