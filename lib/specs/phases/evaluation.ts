import type { z } from "zod";
import { PASS_SCORE } from "@/lib/core/spec-phases";

/** The verdict of a quality gate: named sub-scores in [0, 1], blocking issues and advisory warnings. */
export interface Evaluation {
  score: number;
  passed: boolean;
  subScores: Record<string, number>;
  /** Human messages: stored on the phase run and shown to the model and to people. */
  issues: string[];
  /** A stable snake_case code per issue, same order as `issues` (calibration and tests key on these, not on wording). */
  issueCodes: string[];
  warnings: string[];
  /**
   * The output as the schema parsed it (unknown fields dropped) and as the gate normalised it (e.g. a corrected
   * earsType). Callers store this, never the raw submission. Absent when the output does not parse.
   */
  output?: unknown;
}

const MAX_LISTED = 40;

/** Collects checks; `finish` weights the sub-scores and applies the rule: pass at ≥ PASS_SCORE with no blocking issue. */
export class Gate {
  private readonly parts: { name: string; weight: number; score: number }[] = [];
  readonly issues: string[] = [];
  readonly issueCodes: string[] = [];
  readonly warnings: string[] = [];

  /** A sub-score: the share of `total` items that passed (1 when there is nothing to check). */
  check(name: string, weight: number, passedCount: number, total: number) {
    this.parts.push({ name, weight, score: total === 0 ? 1 : Math.max(0, Math.min(1, passedCount / total)) });
  }

  /**
   * A blocking issue with its code. The one-argument form is kept for gates not yet given codes: the code is then
   * the field the message starts with ("keyFiles: …" → key_files), so every issue still has one.
   */
  issue(message: string): void;
  issue(code: string, message: string): void;
  issue(codeOrMessage: string, message?: string) {
    if (this.issues.length >= MAX_LISTED) return;
    const text = message ?? codeOrMessage;
    this.issues.push(text);
    this.issueCodes.push(message === undefined ? codeFromMessage(codeOrMessage) : codeOrMessage);
  }

  warn(message: string) {
    if (this.warnings.length < MAX_LISTED) this.warnings.push(message);
  }

  finish(output?: unknown): Evaluation {
    const weight = this.parts.reduce((sum, part) => sum + part.weight, 0);
    const score = weight === 0 ? 0 : this.parts.reduce((sum, part) => sum + part.weight * part.score, 0) / weight;
    const rounded = Math.round(score * 1000) / 1000;
    return {
      score: rounded,
      passed: rounded >= PASS_SCORE && this.issues.length === 0,
      subScores: Object.fromEntries(this.parts.map((part) => [part.name, Math.round(part.score * 1000) / 1000])),
      issues: this.issues,
      issueCodes: this.issueCodes,
      warnings: this.warnings,
      ...(output === undefined ? {} : { output }),
    };
  }
}

/** "keyFiles: …" → "key_files"; bounded to the first 40 characters so a long message costs nothing. */
function codeFromMessage(message: string): string {
  const head = message.slice(0, 40);
  const colon = head.indexOf(":");
  const field = colon > 0 ? head.slice(0, colon) : "";
  let code = "";
  for (const char of field) {
    if (char >= "A" && char <= "Z") code += (code ? "_" : "") + char.toLowerCase();
    else if ((char >= "a" && char <= "z") || (char >= "0" && char <= "9")) code += char;
    else if (code && !code.endsWith("_")) code += "_";
  }
  return code.replace(/_$/, "") || "gate";
}

/** Schema validity as a gate result: a refused shape scores 0 with every problem as a blocking issue. */
export function schemaFailure(error: z.ZodError): Evaluation {
  const issues = error.issues.slice(0, MAX_LISTED).map((issue) => `${issue.path.join(".") || "(output)"}: ${issue.message}`);
  return { score: 0, passed: false, subScores: { schema: 0 }, issues, issueCodes: issues.map(() => "schema"), warnings: [] };
}

export const duplicates = (values: readonly string[]) => {
  // A set instead of indexOf: linear in the number of values.
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
};
