import { db } from "@/lib/db/client";
import type { EventData, EventType, OutgoingEvent } from "@/lib/events/event-schemas";
import { pendingFeedbackSchema } from "@/lib/specs/spec-schemas";
import { enterPhase, failSpec } from "@/lib/specs/spec-state";

/** Event types whose consumer is the spec's state (besides the timeline). */
export const SPEC_STATE_EVENTS: ReadonlySet<EventType> = new Set<EventType>([
  "spec.phase_started",
  "spec.phase_retry",
  "spec.eval_result",
  "spec.phase_failed",
  "spec.execution_failed",
]);

/**
 * Keeps the spec's UI-facing state truthful while its agent works: a PhaseRun row per attempt (started, judged,
 * failed), the phase being worked on, and the spec's failure with its reason — the last two through the spec's state
 * machine. Only a running spec is changed, so a late event cannot revive a cancelled one. Checkpoints (passed
 * phases) arrive through their own route, which also sets the progress.
 */
export async function applySpecEvents(specId: string, events: OutgoingEvent[]) {
  for (const event of events) {
    const spec = await db.spec.findUnique({ where: { id: specId }, select: { generationStatus: true, pendingFeedback: true, currentPhase: true } });
    if (!spec || spec.generationStatus !== "running") return;
    switch (event.type) {
      case "spec.phase_started":
      case "spec.phase_retry": {
        const { phase } = event.data as EventData<"spec.phase_started">;
        if (phase === "complete") break;
        await db.$transaction(async (tx) => {
          // Only the phase the server put the spec at: a late event (behind) or a skipping one (ahead) is ignored.
          if (!(await enterPhase(tx, specId, phase))) return;
          const latest = await tx.phaseRun.findFirst({ where: { specId, phase }, orderBy: { attempt: "desc" } });
          // A running attempt left by a lost sandbox ends here: its successor starts.
          if (latest?.status === "running") await tx.phaseRun.update({ where: { id: latest.id }, data: { status: "failed", endedAt: new Date() } });
          const feedback = pendingFeedbackSchema.safeParse(spec.pendingFeedback);
          await tx.phaseRun.create({
            data: { specId, phase, attempt: (latest?.attempt ?? 0) + 1, feedback: feedback.success && feedback.data.phase === phase ? feedback.data.feedback : null },
          });
        });
        break;
      }
      case "spec.eval_result": {
        const data = event.data as EventData<"spec.eval_result">;
        if (data.phase === "complete") break;
        const run = await db.phaseRun.findFirst({ where: { specId, phase: data.phase, status: "running" }, orderBy: { attempt: "desc" } });
        if (!run) break;
        await db.phaseRun.update({
          where: { id: run.id },
          data: {
            score: data.score,
            subScores: data.subScores,
            issues: data.issues,
            warnings: data.warnings,
            // A failed attempt ends here; a passed one becomes `passed` with its checkpoint.
            ...(data.passed ? {} : { status: "failed", endedAt: new Date(), durationMs: Date.now() - run.startedAt.getTime() }),
          },
        });
        break;
      }
      case "spec.phase_failed": {
        const data = event.data as EventData<"spec.phase_failed">;
        if (data.phase === "complete") break;
        await db.phaseRun.updateMany({
          where: { specId, phase: data.phase, status: "running" },
          data: { status: "failed", endedAt: new Date(), ...(data.issues.length ? { issues: data.issues } : {}) },
        });
        break;
      }
      case "spec.execution_failed": {
        const { reason } = event.data as EventData<"spec.execution_failed">;
        await db.phaseRun.updateMany({ where: { specId, status: "running" }, data: { status: "failed", endedAt: new Date() } });
        await failSpec(specId, reason);
        return;
      }
    }
  }
}
