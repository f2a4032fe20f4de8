import type { Diagnostic } from "@/lib/omoi-files/parse-frontmatter";
import type { ParsedOmoiFile } from "@/lib/omoi-files/parse-omoi-file";
import type { OmoiLocalItems } from "@/lib/omoi-files/plan-omoi-push";
import { evaluatePhase } from "@/lib/specs/phases/evaluate-phase";

interface GateSources {
  spec?: ParsedOmoiFile;
  requirements: ParsedOmoiFile[];
  design?: ParsedOmoiFile;
  tasks: ParsedOmoiFile[];
}

/**
 * What the spec engine's own quality gates (lib/specs/phases/evaluate-phase.ts) would say about the files' spec —
 * EARS form, criteria per requirement, task sizes, coverage. Only warnings: people may push a plan the engine
 * would still polish, but they should know.
 */
export function gateWarnings(items: OmoiLocalItems, sources: GateSources): Diagnostic[] {
  if (!items.spec || !sources.spec) return [];
  const out: Diagnostic[] = [];
  const report = (messages: string[], files: readonly ParsedOmoiFile[]) => {
    // `files` is optional in task files (the engine folds them into the description, so pulled tasks often have none).
    for (const message of messages.filter((m) => !m.endsWith("name the files to create or modify"))) {
      const file = files.find((f) => message.startsWith(`${(f.item as { id?: string } | undefined)?.id}:`)) ?? files[0] ?? sources.spec!;
      out.push({ file: file.display, line: file.kind === "design" ? 1 : file.lineOf(["id"]), message: `the spec engine's gate would say: ${message}`, severity: "warning" });
    }
  };
  // Only what the engine's phase outputs hold: `file` (where an item came from) and a pulled task's status are the
  // files' own, and the gate would call them unknown fields.
  const requirements = { requirements: items.requirements.map(({ file: _, ...r }) => ({ ...r, dependencies: [] })), assumptions: [], outOfScope: [] };
  const tasks = items.tasks.map(({ file: _, status: __, ...t }) => t);
  if (items.requirements.length) {
    const evaluation = evaluatePhase("requirements", requirements).evaluation;
    report([...evaluation.issues, ...evaluation.warnings], sources.requirements);
  }
  if (items.design) {
    // The engine requires a testing strategy; a file may leave it out (the gate then only scores it lower).
    const { file: _, ...design } = items.design;
    const evaluation = evaluatePhase("design", { ...design, testingStrategy: design.testingStrategy ?? "(none)" }).evaluation;
    report([...evaluation.issues, ...evaluation.warnings], sources.design ? [sources.design] : []);
  }
  if (items.tasks.length) {
    const evaluation = evaluatePhase("tasks", { tasks }, { requirements }).evaluation;
    report([...evaluation.issues, ...evaluation.warnings], [...sources.tasks, ...sources.requirements]);
  }
  return out;
}
