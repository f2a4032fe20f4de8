import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { getSpecForMemberOrThrow } from "@/lib/specs/get-spec-for-member-or-throw";
import { GATED_PHASES, type GatedPhase } from "@/lib/core/spec-phases";
import { lockSpec, redoPhase } from "@/lib/specs/spec-state";
import { decideSpecTransition } from "@/lib/specs/spec-transitions";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { SpecDto } from "@/lib/specs/spec-schemas";

/**
 * A reviewer asks for changes: the phase is redone with their feedback in its prompt, and everything after it is
 * invalidated — its passed runs superseded, its rows removed, approvals given after it withdrawn. Not while the
 * agent is working (409), and not once tickets exist for the spec's tasks.
 */
export async function requestSpecChanges(args: { userId: string; specId: string; phase: GatedPhase; feedback: string }): Promise<SpecDto> {
  const { specId, phase, feedback } = args;
  await getSpecForMemberOrThrow({ userId: args.userId, specId });
  return db.$transaction(async (tx) => {
    // The state machine's answer first (a running spec is refused before its rows are looked at).
    const refused = decideSpecTransition(await lockSpec(tx, specId), { type: "request_changes", phase });
    if (!refused.ok) throw new AppError("conflict", refused.reason);
    const passed = await tx.phaseRun.count({ where: { specId, phase, status: "passed" } });
    if (passed === 0) throw new AppError("conflict", `The ${phase} phase has not passed yet; there is nothing to change`);
    if ((await tx.ticket.count({ where: { specId } })) > 0) throw new AppError("conflict", "Tickets were already created from this spec's tasks");
    const spec = await redoPhase(tx, specId, phase, feedback);

    const from = GATED_PHASES.indexOf(phase);
    const invalidated = [...GATED_PHASES.slice(from), "sync" as const];
    await tx.phaseRun.updateMany({ where: { specId, phase: { in: invalidated }, status: "passed" }, data: { status: "superseded" } });
    if (from <= GATED_PHASES.indexOf("requirements")) await tx.specRequirement.deleteMany({ where: { specId } });
    if (from <= GATED_PHASES.indexOf("design")) await tx.specDesign.deleteMany({ where: { specId } });
    await tx.specTask.deleteMany({ where: { specId } });
    return toSpecDto(spec);
  });
}
