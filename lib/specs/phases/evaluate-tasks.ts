import { analyzeTaskGraph } from "@/lib/specs/task-graph";
import { Gate, duplicates, schemaFailure, type Evaluation } from "@/lib/specs/phases/evaluation";
import type { RequirementsOutput } from "@/lib/specs/phases/requirements-output";
import { judgeCriteria } from "@/lib/specs/phases/substance/judge-criteria";
import { TASK_ID, tasksOutputSchema } from "@/lib/specs/phases/tasks-output";

/**
 * The TASKS gate: ids, a dependency graph without cycles or dangling references (computed, never trusted), sizes
 * of at most a day, real acceptance criteria, and — against the passed requirements — references and coverage.
 */
export function evaluateTasks(raw: unknown, requirements?: RequirementsOutput): Evaluation {
  const parsed = tasksOutputSchema.safeParse(raw);
  if (!parsed.success) return schemaFailure(parsed.error);
  const output = parsed.data;
  const { tasks } = output;
  const gate = new Gate();
  gate.check("schema", 1, 1, 1);
  if (tasks.length === 0) {
    gate.issue("tasks_empty", "tasks: the plan is empty");
    gate.check("coverage", 3, 0, 1);
    return gate.finish(output);
  }
  const ids = tasks.map((t) => t.id);
  const badIds = tasks.filter((t) => !TASK_ID.test(t.id));
  for (const t of badIds) gate.issue("bad_id", `${t.id}: ids look like TSK-<NNN> (e.g. TSK-001)`);
  const repeatedIds = duplicates(ids);
  for (const id of repeatedIds) gate.issue("duplicate_id", `${id}: the id is used more than once`);
  gate.check("ids", 1, tasks.length - badIds.length - repeatedIds.length, tasks.length);

  const graph = analyzeTaskGraph(tasks);
  for (const ref of graph.unknownRefs) gate.issue("unknown_ref", `dependsOn: ${ref} does not exist`);
  for (const cycle of graph.cycles) gate.issue("cycle", `dependsOn: cycle ${cycle.join(" → ")}; a task cannot wait for itself`);
  gate.check("acyclic", 3, graph.cycles.length === 0 ? 1 : 0, 1);
  gate.check("dependencies", 1, graph.unknownRefs.length === 0 ? 1 : 0, 1);

  const badSize = tasks.filter((t) => !(t.estimateHours > 0 && t.estimateHours <= 8));
  for (const t of badSize) gate.issue("estimate", `${t.id}: estimate ${t.estimateHours} h; tasks are 0 < hours ≤ 8 (split bigger work)`);
  gate.check("sizes", 2, tasks.length - badSize.length, tasks.length);

  let criteriaOk = 0;
  for (const t of tasks) {
    const judged = judgeCriteria(t.acceptanceCriteria);
    if (t.acceptanceCriteria.length === 0) gate.issue("criteria_missing", `${t.id}: give at least one acceptance criterion`);
    else if (judged.placeholders.length > 0) {
      const which = judged.placeholders.map((n) => `#${n}`).join(", ");
      gate.issue("criteria_placeholder", `${t.id}: acceptance criteria ${which} ${judged.placeholders.length > 1 ? "are" : "is"} blank or a placeholder; write what a reviewer can check`);
    } else criteriaOk++;
    for (const criterion of judged.duplicates) gate.warn(`${t.id}: the acceptance criterion "${criterion.slice(0, 80)}" is listed more than once`);
  }
  gate.check("acceptance_criteria", 1, criteriaOk, tasks.length);
  const noFiles = tasks.filter((t) => t.files.length === 0);
  for (const t of noFiles) gate.warn(`${t.id}: name the files to create or modify`);
  gate.check("files", 1, tasks.length - noFiles.length, tasks.length);

  if (requirements) {
    const requirementIds = new Set(requirements.requirements.map((r) => r.id));
    for (const t of tasks) {
      if (t.requirementRefs.length === 0) gate.issue("requirement_refs_missing", `${t.id}: name the requirement(s) it implements`);
      for (const ref of t.requirementRefs) if (!requirementIds.has(ref)) gate.issue("unknown_requirement", `${t.id}: ${ref} is not a requirement of this spec`);
    }
    const covered = new Set(tasks.flatMap((t) => t.requirementRefs));
    const uncovered = [...requirementIds].filter((id) => !covered.has(id));
    for (const id of uncovered) gate.issue("coverage", `${id}: no task implements this requirement`);
    gate.check("coverage", 3, requirementIds.size - uncovered.length, requirementIds.size);
  }
  return gate.finish(output);
}
