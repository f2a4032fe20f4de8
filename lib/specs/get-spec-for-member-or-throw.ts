import { projectsOfMember } from "@/lib/orgs/member-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

/** The spec row, if the user is a member of its project's organization (404 otherwise). */
export async function getSpecForMemberOrThrow({ userId, specId }: { userId: string; specId: string }) {
  const spec = await db.spec.findFirst({ where: { id: specId, project: projectsOfMember(userId) } });
  if (!spec) throw new AppError("not_found", "Spec not found");
  return spec;
}
