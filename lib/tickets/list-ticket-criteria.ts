import { db, type Prisma } from "@/lib/db/client";

export interface SpecTaskCriteriaSource {
  specId: string;
  requirementRefs: string[];
  acceptanceCriteria: Prisma.JsonValue;
}

/**
 * The acceptance criteria of a spec ticket — the one list its agent is asked to give a verdict on and its page shows:
 * the spec task's own (no id), then the criteria of the requirements it serves (with the spec's criterion ids, in the
 * requirements' order). A ticket without a spec task has none.
 */
export async function listTicketCriteria(specTask: SpecTaskCriteriaSource | null, client: Prisma.TransactionClient = db) {
  if (!specTask) return [];
  const own = (Array.isArray(specTask.acceptanceCriteria) ? specTask.acceptanceCriteria : [])
    .filter((text): text is string => typeof text === "string")
    .map((text) => ({ id: null, text, requirement: null }));
  const linked = await client.specAcceptanceCriterion.findMany({
    where: { requirement: { specId: specTask.specId, localId: { in: specTask.requirementRefs } } },
    orderBy: [{ requirement: { position: "asc" } }, { position: "asc" }],
    select: { id: true, text: true, requirement: { select: { localId: true } } },
  });
  return [...own, ...linked.map((c) => ({ id: c.id, text: c.text, requirement: c.requirement.localId }))];
}
