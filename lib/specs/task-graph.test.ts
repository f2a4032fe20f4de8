import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeTaskGraph, type GraphTask } from "@/lib/specs/task-graph";

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

/** The recursive version this module had before it became iterative: the results must not change. */
function recursiveReference(tasks: readonly GraphTask[]) {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const edges = new Map<string, string[]>();
  for (const task of tasks) edges.set(task.id, [...new Set(task.dependsOn)].filter((dep) => byId.has(dep)));
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (id: string) => {
    index.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
    for (const dep of edges.get(id)!) {
      if (!index.has(dep)) {
        connect(dep);
        low.set(id, Math.min(low.get(id)!, low.get(dep)!));
      } else if (onStack.has(dep)) low.set(id, Math.min(low.get(id)!, index.get(dep)!));
    }
    if (low.get(id) === index.get(id)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== id);
      if (component.length > 1 || edges.get(id)!.includes(id)) cycles.push([...component.reverse(), component[0]!]);
    }
  };
  for (const id of byId.keys()) if (!index.has(id)) connect(id);
  if (cycles.length) return { cycles, waves: [], criticalPath: [], criticalPathHours: 0 };
  const wave = new Map<string, number>();
  const finish = new Map<string, number>();
  const via = new Map<string, string | null>();
  const visit = (id: string): void => {
    if (wave.has(id)) return;
    let w = 0;
    let start = 0;
    let from: string | null = null;
    for (const dep of edges.get(id)!) {
      visit(dep);
      w = Math.max(w, wave.get(dep)! + 1);
      if (finish.get(dep)! > start) [start, from] = [finish.get(dep)!, dep];
    }
    wave.set(id, w);
    finish.set(id, start + Math.max(0, byId.get(id)!.estimateHours));
    via.set(id, from);
  };
  for (const id of byId.keys()) visit(id);
  const waves: string[][] = [];
  for (const task of tasks) (waves[wave.get(task.id)!] ??= []).push(task.id);
  let end: string | undefined;
  for (const [id, hours] of finish) if (end === undefined || hours > finish.get(end)!) end = id;
  const criticalPath: string[] = [];
  for (let at: string | null | undefined = end; at; at = via.get(at)) criticalPath.unshift(at);
  return { cycles, waves, criticalPath, criticalPathHours: end ? finish.get(end)! : 0 };
}

describe("analyzeTaskGraph without recursion", () => {
  it("handles a 6,000-task chain (deeper than the call stack) in either order", () => {
    const chain = Array.from({ length: 6000 }, (_, i) => t(`T${i + 1}`, i ? [`T${i}`] : []));
    for (const tasks of [chain, [...chain].reverse()]) {
      const graph = analyzeTaskGraph(tasks);
      expect(graph.cycles).toEqual([]);
      expect(graph.waves).toHaveLength(6000);
      expect(graph.criticalPath).toHaveLength(6000);
      expect(graph.criticalPathHours).toBe(6000);
    }
    const cyclic = analyzeTaskGraph([...chain.slice(1), t("T1", ["T6000"])]);
    expect(cyclic.cycles).toHaveLength(1);
    expect(cyclic.cycles[0]).toHaveLength(6001);
  });

  it("gives the same cycles, waves and critical path as the recursive version on any graph", () => {
    const ids = ["A", "B", "C", "D", "E", "F", "G", "H"];
    const graphs = fc.uniqueArray(
      fc.record({ id: fc.constantFrom(...ids), dependsOn: fc.array(fc.constantFrom(...ids, "X"), { maxLength: 4 }), estimateHours: fc.integer({ min: -1, max: 5 }) }),
      { selector: (task) => task.id, maxLength: ids.length },
    );
    fc.assert(
      fc.property(graphs, (tasks) => {
        const { unknownRefs: _, ...graph } = analyzeTaskGraph(tasks);
        expect(graph).toEqual(recursiveReference(tasks));
      }),
      { numRuns: 500 },
    );
  });
});
