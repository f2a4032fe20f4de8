import type { z } from "zod";
import { designExample, designOutputSchema } from "@/lib/specs/phases/design-output";
import type { GatedPhase } from "@/lib/specs/phases/evaluate-phase";
import { exploreExample, exploreOutputSchema } from "@/lib/specs/phases/explore-output";
import { requirementsExample, requirementsOutputSchema } from "@/lib/specs/phases/requirements-output";
import { tasksExample, tasksOutputSchema } from "@/lib/specs/phases/tasks-output";

export interface PhaseDefinition {
  schema: z.ZodObject;
  example: unknown;
  submitTool: string;
  /** What the phase must produce, and the rules its gate checks (so the model is told what it will be held to). */
  instructions: string;
  maxTurns: number;
  timeoutMs: number;
}

const MINUTE = 60_000;

export const PHASES: Record<GatedPhase, PhaseDefinition> = {
  explore: {
    schema: exploreOutputSchema,
    example: exploreExample,
    submitTool: "submit_explore",
    instructions: `Explore the workspace to learn how this idea fits the existing code. Use list_dir, glob, grep and read_file:
find the entry points, the code the idea touches, how similar things are done, how tests are written. Then submit
what later phases need: a summary, the tech stack, the key files (real paths that exist, each with why it matters),
the conventions, relevant patterns, risks and open questions. Do not invent files.`,
    maxTurns: 40,
    timeoutMs: 15 * MINUTE,
  },
  requirements: {
    schema: requirementsOutputSchema,
    example: requirementsExample,
    submitTool: "submit_requirements",
    instructions: `Write the requirements of the idea in EARS form. Rules the gate checks:
- ids are REQ-<AREA>-<NNN> (AREA in capitals, e.g. REQ-AUTH-001), unique;
- "text" is one EARS sentence matching "earsType": ubiquitous "THE SYSTEM SHALL …"; event_driven "WHEN <trigger>, THE SYSTEM SHALL …";
  state_driven "WHILE <state>, THE SYSTEM SHALL …"; unwanted "IF <condition>, THEN THE SYSTEM SHALL …";
  optional "WHERE <feature>, THE SYSTEM SHALL …"; complex combines them. Any system name works (THE checkout service,
  OmoiOS, the \`omoi\` CLI), and so does "WHEN/IF <condition> THEN the <system> SHALL …"; the condition must say
  something and the response must name what the system does;
- every requirement has at least two distinct, checkable acceptance criteria (no placeholders such as TBD or TODO);
- dependencies name other requirements of this list;
- only the fields shown in the example are kept: anything else is dropped.
Cover the idea completely but stay within it; list assumptions and what is out of scope.`,
    maxTurns: 20,
    timeoutMs: 10 * MINUTE,
  },
  design: {
    schema: designOutputSchema,
    example: designExample,
    submitTool: "submit_design",
    instructions: `Design how to build the requirements in this codebase, following its conventions. Give the architecture as
markdown (several paragraphs: where the feature lives, data flow, key decisions), the components with their
responsibilities and interfaces, the data models and API endpoints that are added or changed, error handling, a
testing strategy and security notes. Read code where you need to; name real files. When the requirements store or
expose something, list the data models and endpoints; if none change, say so in the architecture ("no new data
model", "no endpoint changes"). Placeholders (TODO, TBD) are not design.`,
    maxTurns: 25,
    timeoutMs: 10 * MINUTE,
  },
  tasks: {
    schema: tasksOutputSchema,
    example: tasksExample,
    submitTool: "submit_tasks",
    instructions: `Break the design into implementation tasks. Rules the gate checks:
- ids are TSK-<NNN>, unique; "dependsOn" names tasks of this plan and the graph has no cycle;
- every task is 0 < estimateHours ≤ 8 (split bigger work) and names the files it touches;
- every task names the requirement ids it implements, and every requirement is implemented by at least one task;
- every task has acceptance criteria.
Order the work so independent tasks can run in parallel.`,
    maxTurns: 25,
    timeoutMs: 10 * MINUTE,
  },
};

