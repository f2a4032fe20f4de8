import type { z } from "zod";
import { Gate, schemaFailure, type Evaluation } from "@/lib/specs/phases/evaluation";
import { designOutputSchema } from "@/lib/specs/phases/design-output";
import { evaluateDesign } from "@/lib/specs/phases/evaluate-design";
import { evaluateRequirements } from "@/lib/specs/phases/evaluate-requirements";
import { evaluateTasks } from "@/lib/specs/phases/evaluate-tasks";
import { exploreOutputSchema } from "@/lib/specs/phases/explore-output";
import { findUnknownFields } from "@/lib/specs/phases/find-unknown-fields";
import { requirementsOutputSchema, type RequirementsOutput } from "@/lib/specs/phases/requirements-output";
import { tasksOutputSchema } from "@/lib/specs/phases/tasks-output";

export type { GatedPhase } from "@/lib/core/spec-phases";
import type { GatedPhase } from "@/lib/core/spec-phases";

export interface EvaluationContext {
  /**
   * The passed REQUIREMENTS output: the TASKS gate checks references and coverage against it, the DESIGN gate
   * whether data models and endpoints are there when the requirements store data or expose an API.
   */
  requirements?: RequirementsOutput;
  /** In the sandbox: whether a path exists in the workspace (EXPLORE's key files must be real). */
  fileExists?: (path: string) => boolean;
}

const SCHEMAS: Record<GatedPhase, z.ZodType> = {
  explore: exploreOutputSchema,
  requirements: requirementsOutputSchema,
  design: designOutputSchema,
  tasks: tasksOutputSchema,
};

export interface PhaseJudgement {
  evaluation: Omit<Evaluation, "output">;
  /**
   * What to store and pass on: the submission as the schema parsed it (unknown fields dropped, each named in a
   * warning) and as the gate normalised it. Undefined when it does not parse. Never the raw submission.
   */
  output: unknown;
}

/**
 * The deterministic quality gate of a phase. The same function runs in the sandbox (its issues go back to the model)
 * and in the app when the checkpoint arrives (a sandbox cannot talk its way past it).
 */
export function evaluatePhase(phase: GatedPhase, submitted: unknown, context: EvaluationContext = {}): PhaseJudgement {
  const { output: normalised, ...evaluation } = judgePhase(phase, submitted, context);
  let output = normalised;
  if (output === undefined) {
    const parsed = SCHEMAS[phase].safeParse(submitted);
    if (parsed.success) output = parsed.data;
  }
  for (const path of findUnknownFields(SCHEMAS[phase], submitted)) evaluation.warnings.push(`${path}: unknown field, dropped`);
  return { evaluation, output };
}

function judgePhase(phase: GatedPhase, output: unknown, context: EvaluationContext): Evaluation {
  switch (phase) {
    case "explore":
      return evaluateExplore(output, context);
    case "requirements":
      return evaluateRequirements(output);
    case "design":
      return evaluateDesign(output, context.requirements);
    case "tasks":
      return evaluateTasks(output, context.requirements);
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
