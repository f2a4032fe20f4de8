export interface GraphTask {
  id: string;
  dependsOn: readonly string[];
  estimateHours: number;
}

export interface TaskGraph {
  /** References to tasks that do not exist, as "TSK-002 → TSK-009". */
  unknownRefs: string[];
  /** One cycle per strongly connected group, as the ids around it ("TSK-001 → TSK-002 → TSK-001"). */
  cycles: string[][];
  /** Tasks grouped by earliest start: wave 0 needs nothing, wave n needs only earlier waves. Empty when cyclic. */
  waves: string[][];
  /** The longest chain by estimated hours, and its length. Empty when cyclic. */
  criticalPath: string[];
  criticalPathHours: number;
}

/**
 * Computes the dependency graph of a task plan (never trusts a plan's own claims about it). Both walks are
 * iterative with explicit stacks: a pushed folder may hold a chain of thousands of tickets, deeper than the call
 * stack. They visit nodes and edges in the same order the recursive versions did, so the results are the same.
 */
export function analyzeTaskGraph(tasks: readonly GraphTask[]): TaskGraph {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const unknownRefs: string[] = [];
  const edges = new Map<string, string[]>();
  for (const task of tasks) {
    const deps: string[] = [];
    for (const dep of new Set(task.dependsOn)) {
      if (byId.has(dep)) deps.push(dep);
      else unknownRefs.push(`${task.id} → ${dep}`);
    }
    edges.set(task.id, deps);
  }

  const cycles = findCycles([...byId.keys()], edges);
  if (cycles.length > 0) return { unknownRefs, cycles, waves: [], criticalPath: [], criticalPathHours: 0 };

  // Longest path by hours (the critical path) and earliest wave, in dependency order (dependencies first).
  const wave = new Map<string, number>();
  const finish = new Map<string, number>();
  const via = new Map<string, string | null>();
  for (const id of postOrder([...byId.keys()], edges)) {
    let w = 0;
    let start = 0;
    let from: string | null = null;
    for (const dep of edges.get(id)!) {
      w = Math.max(w, wave.get(dep)! + 1);
      if (finish.get(dep)! > start) {
        start = finish.get(dep)!;
        from = dep;
      }
    }
    wave.set(id, w);
    finish.set(id, start + Math.max(0, byId.get(id)!.estimateHours));
    via.set(id, from);
  }

  const waves: string[][] = [];
  for (const task of tasks) (waves[wave.get(task.id)!] ??= []).push(task.id);
  let end: string | undefined;
  for (const [id, hours] of finish) if (end === undefined || hours > finish.get(end)!) end = id;
  const criticalPath: string[] = [];
  for (let at: string | null | undefined = end; at; at = via.get(at)) criticalPath.unshift(at);
  return { unknownRefs, cycles, waves, criticalPath, criticalPathHours: end ? finish.get(end)! : 0 };
}

/**
 * Every node after all of its dependencies, in depth-first order from `ids` (the order a recursive visit would
 * finish them in, which decides ties in the critical path). The graph has no cycles here.
 */
function postOrder(ids: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const root of ids) {
    if (seen.has(root)) continue;
    seen.add(root);
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const deps = edges.get(frame.id)!;
      if (frame.next < deps.length) {
        const dep = deps[frame.next++]!;
        if (!seen.has(dep)) {
          seen.add(dep);
          stack.push({ id: dep, next: 0 });
        }
        continue;
      }
      stack.pop();
      order.push(frame.id);
    }
  }
  return order;
}

/**
 * Tarjan's strongly connected components, with an explicit stack of frames (node, next edge) instead of
 * recursion; every component with more than one task (or a self-loop) is a cycle.
 */
function findCycles(ids: string[], edges: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  const open = (id: string) => {
    index.set(id, counter);
    low.set(id, counter);
    counter++;
    stack.push(id);
    onStack.add(id);
  };
  for (const root of ids) {
    if (index.has(root)) continue;
    open(root);
    const frames: { id: string; next: number }[] = [{ id: root, next: 0 }];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const { id } = frame;
      const deps = edges.get(id) ?? [];
      if (frame.next < deps.length) {
        const dep = deps[frame.next++]!;
        if (!index.has(dep)) {
          open(dep);
          frames.push({ id: dep, next: 0 });
        } else if (onStack.has(dep)) {
          low.set(id, Math.min(low.get(id)!, index.get(dep)!));
        }
        continue;
      }
      // All edges done: close the component rooted here, then hand the low link back to the caller's frame.
      if (low.get(id) === index.get(id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== id);
        const selfLoop = component.length === 1 && deps.includes(id);
        if (component.length > 1 || selfLoop) cycles.push([...component.reverse(), component[0]!]);
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(id)!));
    }
  }
  return cycles;
}
