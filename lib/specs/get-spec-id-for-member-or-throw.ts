import { getPgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/http/errors";

/**
 * The membership check of the polling endpoint, which every open spec page calls every second or two: one
 * indexed query on the plain pool (the same rule as projectsOfMember, in SQL). 404 for a spec that does not exist or
 * that the user cannot see; its id otherwise.
 */
export async function getSpecIdForMemberOrThrow({ userId, specId }: { userId: string; specId: string }): Promise<string> {
  const { rowCount } = await getPgPool().query({
    name: "get-spec-id-for-member-or-throw",
    text: `SELECT 1 FROM "Spec" s JOIN "Project" p ON p.id = s."projectId"
           JOIN "Membership" m ON m."orgId" = p."orgId" AND m."userId" = $2 WHERE s.id = $1`,
    values: [specId, userId],
  });
  if (!rowCount) throw new AppError("not_found", "Spec not found");
  return specId;
}
