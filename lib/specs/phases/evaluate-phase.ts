import { analyzeTaskGraph } from "@/lib/specs/task-graph";
import { Gate, duplicates, schemaFailure, type Evaluation } from "@/lib/specs/phases/evaluation";
import { designOutputSchema } from "@/lib/specs/phases/design-output";
import { exploreOutputSchema } from "@/lib/specs/phases/explore-output";
import { REQUIREMENT_ID, requirementsOutputSchema, type Requirement, type RequirementsOutput } from "@/lib/specs/phases/requirements-output";
import { TASK_ID, tasksOutputSchema } from "@/lib/specs/phases/tasks-output";

export type GatedPhase = "explore" | "requirements" | "design" | "tasks";

export interface EvaluationContext {
  /** The passed REQUIREMENTS output (the TASKS gate checks references and coverage against it). */
  requirements?: RequirementsOutput;
  /** In the sandbox: whether a path exists in the workspace (EXPLORE's key files must be real). */
  fileExists?: (path: string) => boolean;
}

/**
 * The deterministic quality gate of a phase. The same function runs in the sandbox (its issues go back to the model)
 * and in the app when the checkpoint arrives (a sandbox cannot talk its way past it).
 */
export function evaluatePhase(phase: GatedPhase, output: unknown, context: EvaluationContext = {}): Evaluation {
  switch (phase) {
    case "explore":
      return evaluateExplore(output, context);
    case "requirements":
      return evaluateRequirements(output);
    case "design":
      return evaluateDesign(output);
    case "tasks":
      return evaluateTasks(output, context);
  }
}

function evaluateExplore(raw: unknown, context: EvaluationContext): Evaluation {
  const parsed = exploreOutputSchema.safeParse(raw);
  if (!parsed.success) return schemaFailure(parsed.error);
  const out = parsed.data;
  const gate = new Gate();
  gate.check("schema", 1, 1, 1);
  gate.check("summary", 2, out.summary.trim().length >= 80 ? 1 : 0, 1);
  if (out.summary.trim().length < 80) gate.warn("summary: describe the codebase and how the idea fits it in a few sentences");
  gate.check("tech_stack", 1, Math.min(out.techStack.length, 2), 2);
  if (out.keyFiles.length === 0) gate.issue("keyFiles: name the files that matter for this idea (explore the workspace first)");
  gate.check("key_files", 3, Math.min(out.keyFiles.length, 3), 3);
  if (context.fileExists) {
    const missing = out.keyFiles.filter((file) => !context.fileExists!(file.path));
    for (const file of missing) gate.issue(`keyFiles: "${file.path}" does not exist in the workspace`);
    gate.check("key_files_exist", 2, out.keyFiles.length - missing.length, out.keyFiles.length);
  }
  gate.check("conventions", 1, out.conventions.length > 0 ? 1 : 0, 1);
  if (out.conventions.length === 0) gate.warn("conventions: note how this codebase names, structures and tests things");
  gate.check("risks_and_questions", 1, (out.risks.length > 0 ? 1 : 0) + (out.openQuestions.length > 0 ? 1 : 0), 2);
  return gate.finish();
}

/** EARS sentence shapes, by declared type. "THE <system> SHALL" accepts any system name. */
const SHALL = String.raw`THE\s+[\p{L}\p{N} _./-]{1,80}?\s+SHALL(?:\s+NOT)?\s+\S`;
const EARS_PATTERNS: Record<Requirement["earsType"], RegExp> = {
  ubiquitous: new RegExp(String.raw`^${SHALL}`, "iu"),
  event_driven: new RegExp(String.raw`^WHEN\s+.+?,\s*${SHALL}`, "isu"),
  state_driven: new RegExp(String.raw`^WHILE\s+.+?,\s*${SHALL}`, "isu"),
  unwanted: new RegExp(String.raw`^IF\s+.+?,\s*THEN\s+${SHALL}`, "isu"),
  optional: new RegExp(String.raw`^WHERE\s+.+?,\s*${SHALL}`, "isu"),
  complex: new RegExp(String.raw`^(?:WHILE|WHEN|WHERE|IF)\s+.+?\b(?:WHILE|WHEN|WHERE|IF)\b.+?,\s*(?:THEN\s+)?${SHALL}`, "isu"),
};
const GENERIC_TITLES = new Set(["api", "data model", "database", "ui", "frontend", "backend", "security", "performance", "requirements", "misc"]);

function evaluateRequirements(raw: unknown): Evaluation {
  const parsed = requirementsOutputSchema.safeParse(raw);
  if (!parsed.success) return schemaFailure(parsed.error);
  const { requirements } = parsed.data;
  const gate = new Gate();
  gate.check("schema", 1, 1, 1);
  if (requirements.length === 0) {
    gate.issue("requirements: the list is empty");
    gate.check("ears_form", 3, 0, 1);
    return gate.finish();
  }
  const ids = requirements.map((r) => r.id);
  const known = new Set(ids);
  const badIds = requirements.filter((r) => !REQUIREMENT_ID.test(r.id));
  for (const r of badIds) gate.issue(`${r.id}: ids look like REQ-<AREA>-<NNN> (e.g. REQ-AUTH-001)`);
  for (const id of duplicates(ids)) gate.issue(`${id}: the id is used more than once`);
  gate.check("ids", 1, requirements.length - badIds.length - duplicates(ids).length, requirements.length);

  let earsOk = 0;
  for (const r of requirements) {
    const text = r.text.trim();
    if (EARS_PATTERNS[r.earsType].test(text)) earsOk++;
    else gate.issue(`${r.id}: "${text.slice(0, 80)}" is not in ${r.earsType} EARS form (${earsHint(r.earsType)})`);
    if (r.earsType !== "ubiquitous" && !r.condition.trim()) gate.warn(`${r.id}: a ${r.earsType} requirement names its condition`);
    if (GENERIC_TITLES.has(r.title.trim().toLowerCase())) gate.warn(`${r.id}: "${r.title}" is too generic a title; name the capability`);
  }
  gate.check("ears_form", 3, earsOk, requirements.length);

  const fewCriteria = requirements.filter((r) => r.acceptanceCriteria.length < 2);
  for (const r of fewCriteria) gate.issue(`${r.id}: needs at least 2 checkable acceptance criteria (has ${r.acceptanceCriteria.length})`);
  gate.check("acceptance_criteria", 3, requirements.length - fewCriteria.length, requirements.length);

  let refsOk = 0;
  let refs = 0;
  for (const r of requirements) {
    for (const dep of r.dependencies) {
      refs++;
      if (dep === r.id) gate.issue(`${r.id}: depends on itself`);
      else if (!known.has(dep)) gate.issue(`${r.id}: depends on ${dep}, which is not a requirement here`);
      else refsOk++;
    }
  }
  gate.check("references", 1, refsOk, refs);
  return gate.finish();
}

function earsHint(type: Requirement["earsType"]): string {
  return {
    ubiquitous: "THE SYSTEM SHALL …",
    event_driven: "WHEN <trigger>, THE SYSTEM SHALL …",
    state_driven: "WHILE <state>, THE SYSTEM SHALL …",
    unwanted: "IF <unwanted condition>, THEN THE SYSTEM SHALL …",
    optional: "WHERE <feature is present>, THE SYSTEM SHALL …",
    complex: "e.g. WHILE <state>, WHEN <trigger>, THE SYSTEM SHALL …",
  }[type];
}

function evaluateDesign(raw: unknown): Evaluation {
  const parsed = designOutputSchema.safeParse(raw);
  if (!parsed.success) return schemaFailure(parsed.error);
  const out = parsed.data;
  const gate = new Gate();
  gate.check("schema", 1, 1, 1);
  const words = out.architecture.trim().split(/\s+/).length;
  if (words < 40) gate.issue(`architecture: ${words} words; explain how the feature fits the existing architecture (at least a few paragraphs)`);
  gate.check("architecture", 2, Math.min(words, 120), 120);
  if (out.components.length === 0) gate.issue("components: name the components this feature adds or changes");
  gate.check("components", 3, out.components.length > 0 ? 1 : 0, 1);
  const noInterface = out.components.filter((c) => c.interfaces.length === 0);
  for (const c of noInterface) gate.warn(`${c.name}: list the interface it exposes`);
  gate.check("interfaces", 1, out.components.length - noInterface.length, out.components.length);
  for (const name of duplicates(out.components.map((c) => c.name))) gate.issue(`components: "${name}" appears more than once`);
  if (out.dataModels.length === 0 && out.apiEndpoints.length === 0) {
    gate.warn("neither data models nor endpoints change — say so in the architecture if that is intended");
  }
  gate.check("data_and_endpoints", 2, (out.dataModels.length > 0 ? 1 : 0) + (out.apiEndpoints.length > 0 ? 1 : 0), 2);
  gate.check("testing_strategy", 1, out.testingStrategy.trim().length >= 40 ? 1 : 0, 1);
  gate.check("error_handling", 1, out.errorHandling.length > 0 ? 1 : 0, 1);
  gate.check("security", 1, out.securityNotes.length > 0 ? 1 : 0, 1);
  return gate.finish();
}

function evaluateTasks(raw: unknown, context: EvaluationContext): Evaluation {
  const parsed = tasksOutputSchema.safeParse(raw);
  if (!parsed.success) return schemaFailure(parsed.error);
  const { tasks } = parsed.data;
  const gate = new Gate();
  gate.check("schema", 1, 1, 1);
  if (tasks.length === 0) {
    gate.issue("tasks: the plan is empty");
    gate.check("coverage", 3, 0, 1);
    return gate.finish();
  }
  const ids = tasks.map((t) => t.id);
  const badIds = tasks.filter((t) => !TASK_ID.test(t.id));
  for (const t of badIds) gate.issue(`${t.id}: ids look like TSK-<NNN> (e.g. TSK-001)`);
  for (const id of duplicates(ids)) gate.issue(`${id}: the id is used more than once`);
  gate.check("ids", 1, tasks.length - badIds.length - duplicates(ids).length, tasks.length);

  const graph = analyzeTaskGraph(tasks);
  for (const ref of graph.unknownRefs) gate.issue(`dependsOn: ${ref} does not exist`);
  for (const cycle of graph.cycles) gate.issue(`dependsOn: cycle ${cycle.join(" → ")}; a task cannot wait for itself`);
  gate.check("acyclic", 3, graph.cycles.length === 0 ? 1 : 0, 1);
  gate.check("dependencies", 1, graph.unknownRefs.length === 0 ? 1 : 0, 1);

  const badSize = tasks.filter((t) => !(t.estimateHours > 0 && t.estimateHours <= 8));
  for (const t of badSize) gate.issue(`${t.id}: estimate ${t.estimateHours} h; tasks are 0 < hours ≤ 8 (split bigger work)`);
  gate.check("sizes", 2, tasks.length - badSize.length, tasks.length);

  const noCriteria = tasks.filter((t) => t.acceptanceCriteria.length === 0);
  for (const t of noCriteria) gate.issue(`${t.id}: give at least one acceptance criterion`);
  gate.check("acceptance_criteria", 1, tasks.length - noCriteria.length, tasks.length);
  const noFiles = tasks.filter((t) => t.files.length === 0);
  for (const t of noFiles) gate.warn(`${t.id}: name the files to create or modify`);
  gate.check("files", 1, tasks.length - noFiles.length, tasks.length);

  const requirementIds = new Set((context.requirements?.requirements ?? []).map((r) => r.id));
  if (context.requirements) {
    for (const t of tasks) {
      if (t.requirementRefs.length === 0) gate.issue(`${t.id}: name the requirement(s) it implements`);
      for (const ref of t.requirementRefs) if (!requirementIds.has(ref)) gate.issue(`${t.id}: ${ref} is not a requirement of this spec`);
    }
    const covered = new Set(tasks.flatMap((t) => t.requirementRefs));
    const uncovered = [...requirementIds].filter((id) => !covered.has(id));
    for (const id of uncovered) gate.issue(`${id}: no task implements this requirement`);
    gate.check("coverage", 3, requirementIds.size - uncovered.length, requirementIds.size);
  }
  return gate.finish();
}
