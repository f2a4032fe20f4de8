import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { toSpecDto } from "@/lib/specs/spec-dto";
import type { SpecDto } from "@/lib/specs/spec-schemas";

/** A spec of a project the user can see; 404 otherwise (a non-member learns nothing about it). */
export async function getSpecOrThrow({ userId, specId }: { userId: string; specId: string }): Promise<SpecDto> {
  const spec = await db.spec.findFirst({ where: { id: specId, project: { org: { memberships: { some: { userId } } } } } });
  if (!spec) throw new AppError("not_found", "Spec not found");
  return toSpecDto(spec);
}
