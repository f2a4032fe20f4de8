import { projectsOfMember } from "@/lib/orgs/member-scope";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

/** A sandbox whose spec or task belongs to a project the user can see; 404 otherwise. */
export async function getSandboxForMemberOrThrow({ userId, sandboxId }: { userId: string; sandboxId: string }) {
  const member = projectsOfMember(userId);
  const sandbox = await db.sandbox.findFirst({
    where: {
      id: sandboxId,
      OR: [{ spec: { project: member } }, { task: { ticket: { project: member } } }],
    },
  });
  if (!sandbox) throw new AppError("not_found", "Sandbox not found");
  return sandbox;
}
