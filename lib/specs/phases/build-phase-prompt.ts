import type { SandboxContext } from "@/lib/specs/sandbox-context-schema";
import type { GatedPhase } from "@/lib/specs/phases/evaluate-phase";
import { PHASES } from "@/lib/specs/phases/phase-definitions";

/** What each phase is shown of the earlier ones: only what it needs, to keep prompts (and cost) small. */
const NEEDS: Record<GatedPhase, GatedPhase[]> = {
  explore: [],
  requirements: ["explore"],
  design: ["explore", "requirements"],
  tasks: ["requirements", "design"],
};

export const SPEC_SYSTEM_PROMPT = `You are the spec agent of OmoiOS. You turn an idea into a spec a team would accept: requirements in EARS form
with checkable acceptance criteria, a design, and a dependency-ordered task plan — grounded in the actual code of the
workspace, which you can read with the tools (read-only). Work one phase at a time. End each phase by calling its
submit tool exactly once with the complete output; if the submission is rejected, fix every listed issue and submit
again. Be concrete and specific to this codebase; never invent files or APIs.`;

/** The first user message of a phase: the spec, the project, the earlier phases it needs, the rules and an example. */
export function buildPhasePrompt(phase: GatedPhase, context: SandboxContext, feedback?: string | null): string {
  const spec = context.spec!;
  const definition = PHASES[phase];
  const parts = [
    `# Phase: ${phase.toUpperCase()}`,
    `## The idea\nTitle: ${spec.title}\n\n${spec.description}`,
    `## The project\n${context.project.name}${context.project.description ? ` — ${context.project.description}` : ""}` +
      (context.project.testCommand ? `\nTests run with: ${context.project.testCommand}` : ""),
  ];
  for (const earlier of NEEDS[phase]) {
    const checkpoint = spec.checkpoints.find((c) => c.phase === earlier);
    // Parsed again with its schema: only known fields reach the prompt, also from checkpoints stored before outputs
    // were stripped on the way in.
    const known = checkpoint ? PHASES[earlier].schema.safeParse(checkpoint.output) : null;
    if (known?.success) parts.push(`## Output of ${earlier.toUpperCase()} (passed)\n\`\`\`json\n${JSON.stringify(known.data, null, 1)}\n\`\`\``);
  }
  if (feedback) {
    parts.push(`## Reviewer feedback — this phase is being redone because of it\n${feedback}\n\nAddress every point of this feedback.`);
  }
  parts.push(`## Your task\n${definition.instructions}`);
  parts.push(
    `## Output\nCall \`${definition.submitTool}\` with the output. Its shape, by example:\n\`\`\`json\n${JSON.stringify(definition.example, null, 1)}\n\`\`\``,
  );
  return parts.join("\n\n");
}
