import { db, Prisma } from "@/lib/db/client";
import type { GatedPhase } from "@/lib/core/spec-phases";
import { getSpecIdForMemberOrThrow } from "@/lib/specs/get-spec-id-for-member-or-throw";
import type { PhaseRevisionDto } from "@/lib/specs/spec-schemas";

/**
 * Every passed output of one phase of a spec, oldest first: the checkpoint it has now and those a redo replaced
 * (request changes keeps them as `superseded`). A failed attempt stores no output, so it is no revision. 404 for a
 * spec the user cannot see.
 */
export async function listPhaseRevisions({ userId, specId, phase }: { userId: string; specId: string; phase: GatedPhase }): Promise<PhaseRevisionDto[]> {
  await getSpecIdForMemberOrThrow({ userId, specId });
  const runs = await db.phaseRun.findMany({
    where: { specId, phase, status: { in: ["passed", "superseded"] }, output: { not: Prisma.AnyNull } },
    orderBy: [{ startedAt: "asc" }, { attempt: "asc" }],
    select: { id: true, attempt: true, status: true, score: true, feedback: true, startedAt: true, output: true },
  });
  return runs.map((run) => ({
    id: run.id,
    attempt: run.attempt,
    status: run.status === "superseded" ? "superseded" : "passed",
    score: run.score,
    feedback: run.feedback,
    createdAt: run.startedAt.toISOString(),
    output: run.output,
  }));
}
