import { db } from "@/lib/db/client";
import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { SpecDto } from "@/lib/specs/spec-schemas";

/** The specs of one project, newest first. */
export async function listSpecs({ userId, projectId }: { userId: string; projectId: string }): Promise<SpecDto[]> {
  await getProjectForMemberOrThrow({ userId, projectId });
  const specs = await db.spec.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take: 200 });
  return specs.map(toSpecDto);
}
