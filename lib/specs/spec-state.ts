import { db, Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import type { ApprovalGate, ExecutionStatus, GatedPhase, GenerationStatus, SpecPhaseName, WorkPhase } from "@/lib/core/spec-phases";
import { decideSpecTransition, type SpecTransition } from "@/lib/specs/spec-transitions";
import { startSpecRun } from "@/lib/specs/start-spec-run";

type Tx = Prisma.TransactionClient;

/** The spec row as the state machine needs it, read under a row lock. */
export interface LockedSpec {
  id: string;
  projectId: string;
  generationStatus: GenerationStatus;
  currentPhase: SpecPhaseName;
  executionStatus: ExecutionStatus;
  approvalMode: "auto" | "manual";
  requirementsApprovedAt: Date | null;
  designApprovedAt: Date | null;
  pendingFeedback: unknown;
  respawnCount: number;
}

/**
 * Locks the spec's row for the rest of the transaction and reads its state. The one row lock taken on specs: every
 * change of state (and anything that must not race one, such as spawning its sandbox or making its tickets) starts
 * here, so two changes of one spec are serialized. `FOR NO KEY UPDATE`, not `FOR UPDATE`: the id never changes, and
 * the stronger lock would also block every insert that references the spec (an event, a phase run, a ticket — their
 * foreign-key checks take KEY SHARE), which turned the agent's event batches and a checkpoint into a deadlock.
 */
export async function lockSpec(tx: Tx, specId: string): Promise<LockedSpec> {
  const [spec] = await tx.$queryRaw<LockedSpec[]>`
    SELECT id, "projectId", "generationStatus"::text AS "generationStatus", "currentPhase"::text AS "currentPhase",
      "executionStatus"::text AS "executionStatus", "approvalMode"::text AS "approvalMode", "requirementsApprovedAt",
      "designApprovedAt", "pendingFeedback", "respawnCount"
    FROM "Spec" WHERE id = ${specId} FOR NO KEY UPDATE`;
  if (!spec) throw new AppError("not_found", "Spec not found");
  return spec;
}

/** Extra columns a transition writes with the state (never the state's own fields). */
type SideFields = Omit<Prisma.SpecUpdateInput, "generationStatus" | "currentPhase" | "executionStatus" | "progress">;

/** Applies one transition to the locked spec, or throws 409 with the table's reason. */
async function apply(tx: Tx, specId: string, transition: SpecTransition, side: SideFields = {}) {
  const spec = await lockSpec(tx, specId);
  const decision = decideSpecTransition(spec, transition);
  if (!decision.ok) throw new AppError("conflict", decision.reason, { transition: transition.type, generationStatus: spec.generationStatus, currentPhase: spec.currentPhase });
  const updated = await tx.spec.update({ where: { id: specId }, data: { ...side, ...decision.changes } });
  return { before: spec, spec: updated };
}

/** Like `apply`, for events that may arrive late (an agent's report after a cancel): refused means nothing happens. */
async function applyIfAllowed(tx: Tx, specId: string, transition: SpecTransition, side: SideFields = {}) {
  try {
    return await apply(tx, specId, transition, side);
  } catch (error) {
    if (error instanceof AppError && (error.code === "conflict" || error.code === "not_found")) return null;
    throw error;
  }
}

type NewSpec = Omit<Prisma.SpecUncheckedCreateInput, "generationStatus" | "currentPhase" | "executionStatus" | "progress" | "startedAt">;

/** A new spec whose agent starts at once: created running, its run queued in the same transaction. */
export async function createRunningSpec(tx: Tx, data: NewSpec) {
  const spec = await tx.spec.create({ data: { ...data, generationStatus: "running", startedAt: new Date() } });
  await startSpecRun(tx, spec.id, "created");
  return spec;
}

/** Execute: a draft, failed or cancelled spec runs again from its first phase without a checkpoint. */
export async function startSpec(tx: Tx, specId: string) {
  const { spec } = await apply(tx, specId, { type: "start" }, { lastError: null, respawnCount: 0, startedAt: new Date() });
  await startSpecRun(tx, specId, "execute");
  return spec;
}

/** The worker starts the agent at `phase` (the first without a checkpoint); only a running spec gets one. */
export const resumeSpecAt = (tx: Tx, specId: string, phase: WorkPhase) => applyIfAllowed(tx, specId, { type: "resume_at", phase });

/** The agent began `phase` (its event); late or backward reports are ignored. */
export const enterPhase = (tx: Tx, specId: string, phase: WorkPhase) => applyIfAllowed(tx, specId, { type: "enter_phase", phase });

/** A phase passed its gate: the spec moves to the next one, or waits for a person at an approval gate. */
export async function passPhase(tx: Tx, specId: string, phase: GatedPhase, side: SideFields = {}) {
  const spec = await lockSpec(tx, specId);
  const waitsForApproval =
    spec.approvalMode === "manual" && ((phase === "requirements" && !spec.requirementsApprovedAt) || (phase === "design" && !spec.designApprovedAt));
  const { spec: updated } = await apply(tx, specId, { type: "pass_phase", phase, waitsForApproval }, { lastError: null, ...side });
  return { spec: updated, waitsForApproval };
}

/** SYNC is done: the plan is complete and its tickets (if any) are building. */
export async function completeGeneration(tx: Tx, specId: string, { hasTickets, side }: { hasTickets: boolean; side: SideFields }) {
  return (await apply(tx, specId, { type: "complete_generation", hasTickets }, { completedAt: new Date(), lastError: null, ...side })).spec;
}

/** A person approves a gate; the agent resumes at the next phase. */
export async function approveGate(tx: Tx, specId: string, gate: ApprovalGate) {
  const { spec } = await apply(tx, specId, { type: "approve", gate }, gate === "requirements" ? { requirementsApprovedAt: new Date() } : { designApprovedAt: new Date() });
  await startSpecRun(tx, specId, `${gate} approved`);
  return spec;
}

/** A reviewer sends `phase` back: it runs again with their feedback; approvals given after it are withdrawn. */
export async function redoPhase(tx: Tx, specId: string, phase: GatedPhase, feedback: string) {
  const { spec } = await apply(tx, specId, { type: "request_changes", phase }, {
    pendingFeedback: { phase, feedback },
    syncPlan: Prisma.DbNull,
    completedAt: null,
    lastError: null,
    respawnCount: 0,
    ...(phase === "explore" || phase === "requirements" ? { requirementsApprovedAt: null } : {}),
    ...(phase !== "tasks" ? { designApprovedAt: null } : {}),
  });
  await startSpecRun(tx, specId, `changes requested to ${phase}`);
  return spec;
}

/** Planning failed for `reason`. Returns false when the spec was no longer running (a late report). */
export async function failSpec(specId: string, reason: string, tx?: Tx): Promise<boolean> {
  const run = (t: Tx) => applyIfAllowed(t, specId, { type: "fail" }, { lastError: reason.slice(0, 4000) });
  return (tx ? await run(tx) : await db.$transaction(run)) !== null;
}

/** Stops planning; the live sandbox is the caller's to end. */
export async function cancelSpecState(tx: Tx, specId: string) {
  return (await apply(tx, specId, { type: "cancel" }, { lastError: "Cancelled" })).spec;
}

/** A draft made from files whose plan is complete. */
export async function completeDraft(tx: Tx, specId: string) {
  return (await apply(tx, specId, { type: "complete_draft" }, { completedAt: new Date() })).spec;
}

/** The spec records one more lost sandbox (the caller decided a respawn is due). */
export async function recordRespawn(tx: Tx, specId: string, respawnCount: number) {
  await lockSpec(tx, specId);
  await tx.spec.update({ where: { id: specId }, data: { respawnCount } });
}

/** Tickets were queued: the spec's build runs (a failed one is running again). No-op when it already runs. */
export const startExecution = (tx: Tx, specId: string) => applyIfAllowed(tx, specId, { type: "start_execution" }, { lastError: null });

/** A failed spec build whose ticket is run again. */
export async function resumeFailedExecution(tx: Tx, specId: string) {
  const spec = await lockSpec(tx, specId);
  if (spec.executionStatus === "failed") await apply(tx, specId, { type: "start_execution" }, { lastError: null });
}

/** A ticket failed for good. Returns false when the build was not running (already failed, or never started). */
export const failExecution = async (tx: Tx, specId: string, reason: string) =>
  (await applyIfAllowed(tx, specId, { type: "fail_execution" }, { lastError: reason.slice(0, 4000) })) !== null;

/** Every ticket is done. Returns false when it already was (exactly once). */
export const completeExecution = async (tx: Tx, specId: string) => (await applyIfAllowed(tx, specId, { type: "complete_execution" })) !== null;

/** The build's progress: the share of tickets done (written only while it runs). */
export async function setExecutionProgress(tx: Tx, specId: string, done: number, total: number) {
  const spec = await lockSpec(tx, specId);
  if (spec.executionStatus === "running") await tx.spec.update({ where: { id: specId }, data: { progress: Math.floor((done / total) * 100) } });
}
