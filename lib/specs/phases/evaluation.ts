import type { z } from "zod";

/** The verdict of a quality gate: named sub-scores in [0, 1], blocking issues and advisory warnings. */
export interface Evaluation {
  score: number;
  passed: boolean;
  subScores: Record<string, number>;
  issues: string[];
  warnings: string[];
}

export const PASS_SCORE = 0.7;
const MAX_LISTED = 40;

/** Collects checks; `finish` weights the sub-scores and applies the rule: pass at ≥ 0.7 with no blocking issue. */
export class Gate {
  private readonly parts: { name: string; weight: number; score: number }[] = [];
  readonly issues: string[] = [];
  readonly warnings: string[] = [];

  /** A sub-score: the share of `total` items that passed (1 when there is nothing to check). */
  check(name: string, weight: number, passedCount: number, total: number) {
    this.parts.push({ name, weight, score: total === 0 ? 1 : Math.max(0, Math.min(1, passedCount / total)) });
  }

  issue(message: string) {
    if (this.issues.length < MAX_LISTED) this.issues.push(message);
  }

  warn(message: string) {
    if (this.warnings.length < MAX_LISTED) this.warnings.push(message);
  }

  finish(): Evaluation {
    const weight = this.parts.reduce((sum, part) => sum + part.weight, 0);
    const score = weight === 0 ? 0 : this.parts.reduce((sum, part) => sum + part.weight * part.score, 0) / weight;
    const rounded = Math.round(score * 1000) / 1000;
    return {
      score: rounded,
      passed: rounded >= PASS_SCORE && this.issues.length === 0,
      subScores: Object.fromEntries(this.parts.map((part) => [part.name, Math.round(part.score * 1000) / 1000])),
      issues: this.issues,
      warnings: this.warnings,
    };
  }
}

/** Schema validity as a gate result: a refused shape scores 0 with every problem as a blocking issue. */
export function schemaFailure(error: z.ZodError): Evaluation {
  const issues = error.issues.slice(0, MAX_LISTED).map((issue) => `${issue.path.join(".") || "(output)"}: ${issue.message}`);
  return { score: 0, passed: false, subScores: { schema: 0 }, issues, warnings: [] };
}

export const duplicates = (values: readonly string[]) => [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];
