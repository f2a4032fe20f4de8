import fs from "node:fs";
import path from "node:path";
import type Anthropic from "@anthropic-ai/sdk";
import { runAgentLoop } from "@/lib/agent/run-agent-loop";
import { PHASE_HEADER } from "@/lib/llm/phase-header";
import { CheckpointRefused, putCheckpoint, type SandboxApiOptions } from "@/lib/agent/sandbox-api";
import type { AgentTool } from "@/lib/agent/agent-tool";
import { defineTerminalTool } from "@/lib/agent/terminal-tool";
import type { EventReporter } from "@/lib/events/event-reporter";
import type { SandboxContext } from "@/lib/specs/sandbox-context-schema";
import { buildPhasePrompt, SPEC_SYSTEM_PROMPT } from "@/lib/specs/phases/build-phase-prompt";
import { evaluatePhase } from "@/lib/specs/phases/evaluate-phase";
import { PHASES } from "@/lib/specs/phases/phase-definitions";
import type { RequirementsOutput } from "@/lib/specs/phases/requirements-output";
import { GATED_PHASES, PASS_SCORE, PHASE_MAX_ATTEMPTS as MAX_ATTEMPTS, type GatedPhase, type SpecPhaseName } from "@/lib/core/spec-phases";

/** EXPLORE must look at the workspace before it may submit. */
const MIN_EXPLORE_TOOL_CALLS = 2;

export interface SpecEngineOptions {
  client: Anthropic;
  model: string;
  context: SandboxContext;
  /** Where to start: the first incomplete phase (the app computes it; checkpoints before it are loaded). */
  startPhase: SpecPhaseName;
  tools: readonly AgentTool[];
  workspacePath: string;
  reporter: EventReporter;
  api: SandboxApiOptions;
  signal: AbortSignal;
  /** Overrides of the per-phase limits (tests). */
  limits?: Partial<Record<GatedPhase, { maxTurns?: number; timeoutMs?: number }>>;
}

export type SpecEngineOutcome =
  | { status: "completed" }
  | { status: "awaiting_approval"; phase: SpecPhaseName }
  | { status: "failed"; phase: SpecPhaseName; reason: string }
  | { status: "stopped" };

/**
 * The spec state machine inside the sandbox: from the first incomplete phase, each phase is one agent conversation
 * that ends with its submit tool; the gate judges every submission and a rejection goes back into the same
 * conversation (at most 3 attempts); a passed output is stored as the checkpoint before the next phase starts.
 * SYNC is the app's (code, not a model call): it runs when the TASKS checkpoint is stored, and that ends the run.
 */
export async function runSpecEngine(options: SpecEngineOptions): Promise<SpecEngineOutcome> {
  const { reporter, context, signal } = options;
  const outputs = new Map<SpecPhaseName, unknown>(context.spec!.checkpoints.map((c) => [c.phase, c.output]));
  const startIndex = GATED_PHASES.indexOf(options.startPhase as GatedPhase);
  if (startIndex < 0) return fail(reporter, options.startPhase, `the agent has no work at ${options.startPhase}: only ${GATED_PHASES.join(", ")} are an agent's`);
  reporter.emit("spec.execution_started", { fromPhase: GATED_PHASES[startIndex]! });

  for (const phase of GATED_PHASES.slice(startIndex)) {
    if (signal.aborted) return { status: "stopped" };
    const checkpoints = GATED_PHASES.filter((p) => outputs.has(p)).map((p) => ({ phase: p, attempt: 1, score: null, output: outputs.get(p) }));
    const phaseContext: SandboxContext = { ...context, spec: { ...context.spec!, checkpoints } };

    const result = await runGatedPhase(options, phase, phaseContext, outputs);
    if (result.status === "stopped") return { status: "stopped" };
    if (result.status === "failed") return fail(reporter, phase, result.reason, result.issues);
    outputs.set(phase, result.output);
    reporter.emit("spec.phase_completed", { phase, attempt: result.attempt, score: result.score });
    if (result.next === "awaiting_approval") return { status: "awaiting_approval", phase };
  }
  // The TASKS checkpoint ran SYNC on the server: the plan and its tickets exist.
  reporter.emit("spec.generation_completed", { summary: "All phases passed; the plan is ready." });
  return { status: "completed" };
}

type PhaseResult =
  | { status: "passed"; output: unknown; attempt: number; score: number; next: string }
  | { status: "failed"; reason: string; issues: string[] }
  | { status: "stopped" };

async function runGatedPhase(
  options: SpecEngineOptions,
  phase: GatedPhase,
  context: SandboxContext,
  outputs: Map<SpecPhaseName, unknown>,
): Promise<PhaseResult> {
  const { reporter } = options;
  const definition = PHASES[phase];
  const limits = { maxTurns: definition.maxTurns, timeoutMs: definition.timeoutMs, ...options.limits?.[phase] };
  const started = Date.now();
  let attempt = 1;
  let workspaceCalls = 0;
  let filesRead = 0;
  let lastIssues: string[] = [];
  let passed: { output: unknown; score: number; subScores: Record<string, number>; warnings: string[] } | undefined;
  const feedback = context.spec!.feedback?.phase === phase ? context.spec!.feedback.feedback : null;
  const requirements = outputs.get("requirements") as RequirementsOutput | undefined;
  reporter.emit("spec.phase_started", { phase, attempt });
  // The app opens the phase's run before the first model call, so the call's cost lands on it.
  await reporter.flush();

  const submit = defineTerminalTool({
    name: definition.submitTool,
    description: `Submit the complete ${phase.toUpperCase()} output. It is checked at once; a rejection lists what to fix.`,
    inputSchema: definition.schema,
    judgesRawInput: true,
    handle: (input: unknown) => {
      const { evaluation, output: parsedOutput } = evaluatePhase(phase, input, { requirements, fileExists: (p) => existsInWorkspace(options.workspacePath, p) });
      // Evidence is what the tools actually returned: calls that failed (a path that is not there) show nothing.
      if (phase === "explore" && workspaceCalls < MIN_EXPLORE_TOOL_CALLS) {
        evaluation.issues.unshift(`Explore the workspace first (list_dir, glob, grep, read_file): only ${workspaceCalls} successful tool call(s) so far`);
        evaluation.issueCodes.unshift("explore_evidence");
        evaluation.passed = false;
      } else if (phase === "explore" && filesRead === 0) {
        evaluation.issues.unshift("Read the files you name first: no read_file call has succeeded in this phase");
        evaluation.issueCodes.unshift("explore_evidence");
        evaluation.passed = false;
      }
      const { issueCodes: _codes, ...verdict } = evaluation;
      reporter.emit("spec.eval_result", { phase, attempt, ...verdict });
      if (evaluation.passed && parsedOutput !== undefined) {
        // The parsed output, unknown fields stripped: only what the schema knows reaches the checkpoint and the next
        // phase's prompt.
        passed = { output: parsedOutput, score: evaluation.score, subScores: evaluation.subScores, warnings: evaluation.warnings };
        return { accepted: true, result: evaluation.score };
      }
      const issues = evaluation.issues.length > 0 ? evaluation.issues : [`score ${evaluation.score} is below the pass mark ${PASS_SCORE}`];
      lastIssues = issues;
      if (attempt < MAX_ATTEMPTS) {
        reporter.emit("spec.phase_retry", { phase, attempt: attempt + 1, maxAttempts: MAX_ATTEMPTS, issues });
        attempt++;
        // Sent with the rejection's model call still to come, so that call is billed to the new attempt.
        void reporter.flush();
      }
      return {
        accepted: false,
        feedback: `Rejected (score ${evaluation.score}). Fix every issue and call ${definition.submitTool} again with the whole output:\n- ${issues.join("\n- ")}` +
          (evaluation.warnings.length ? `\nAlso consider:\n- ${evaluation.warnings.join("\n- ")}` : ""),
      };
    },
  });

  const loop = await runAgentLoop({
    // Each phase's model calls are billed to that phase by the proxy.
    client: options.client.withOptions({ defaultHeaders: { [PHASE_HEADER]: phase } }),
    model: options.model,
    system: SPEC_SYSTEM_PROMPT,
    tools: options.tools,
    terminalTools: [submit],
    initialMessage: buildPhasePrompt(phase, context, feedback),
    maxTurns: limits.maxTurns,
    timeoutMs: limits.timeoutMs,
    maxRejections: MAX_ATTEMPTS,
    signal: options.signal,
    onEvent: (event) => reporter.emit(event.type, event.data as never),
    onToolResult: ({ tool, isError }) => {
      if (isError) return;
      workspaceCalls++;
      if (tool === "read_file") filesRead++;
    },
  });
  if (options.signal.aborted) return { status: "stopped" };
  if (loop.status !== "terminal_accepted" || !passed) {
    const reason =
      loop.status === "error" && loop.error?.includes("rejected")
        ? `the output failed its quality gate ${MAX_ATTEMPTS} times; ${loop.error}`
        : loop.status === "max_turns"
          ? `no passing output within ${limits.maxTurns} model calls`
          : loop.status === "timeout"
            ? `no passing output within ${Math.round(limits.timeoutMs / 1000)} s`
            : (loop.error ?? `the agent stopped (${loop.status})`);
    return { status: "failed", reason, issues: lastIssues };
  }

  const stored = await checkpoint(options, phase, {
    attempt,
    score: passed.score,
    subScores: passed.subScores,
    issues: [],
    warnings: passed.warnings,
    output: passed.output as Record<string, unknown>,
    durationMs: Date.now() - started,
  });
  if (!stored.ok) return { status: "failed", reason: stored.reason, issues: [] };
  return { status: "passed", output: passed.output, attempt, score: passed.score, next: stored.generationStatus };
}

async function checkpoint(options: SpecEngineOptions, phase: SpecPhaseName, body: Parameters<typeof putCheckpoint>[2]) {
  // The phase's events (started, judged) reach the app before its checkpoint does.
  await options.reporter.flush();
  try {
    const result = await putCheckpoint(options.api, phase, body);
    return { ok: true as const, generationStatus: result.generationStatus };
  } catch (error) {
    const reason = error instanceof CheckpointRefused ? `the app refused the ${phase} checkpoint: ${error.message}` : `could not store the ${phase} checkpoint: ${(error as Error).message}`;
    return { ok: false as const, reason };
  }
}

function fail(reporter: EventReporter, phase: SpecPhaseName, reason: string, issues: string[] = []): SpecEngineOutcome {
  reporter.emit("spec.phase_failed", { phase, reason: reason.slice(0, 4000), issues: issues.map((issue) => issue.slice(0, 2000)).slice(0, 200) });
  reporter.emit("spec.execution_failed", { reason: `${phase}: ${reason}`.slice(0, 4000), phase });
  return { status: "failed", phase, reason };
}

function existsInWorkspace(root: string, relative: string): boolean {
  const resolved = path.resolve(root, relative);
  if (resolved !== root && !resolved.startsWith(`${root}${path.sep}`)) return false;
  return fs.existsSync(resolved);
}
