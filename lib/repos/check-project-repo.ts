import { db } from "@/lib/db/client";
import { checkRepoUrl } from "@/lib/repos/check-repo-url";

/**
 * The repository policy for a stored project, judged now: a URL saved before the policy existed, a name whose
 * address changed, or a setter who has since lost instance-admin rights is refused before the server clones or probes
 * it. The rights are those of whoever set the URL (Project.repoUrlSetById) — not of anyone who is, or was made, an
 * admin of the organization. Returns the reason, or null when the repository may be used (or there is none).
 */
export async function checkProjectRepo(projectId: string): Promise<string | null> {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { repoUrl: true, repoUrlSetBy: { select: { isInstanceAdmin: true } } },
  });
  if (!project?.repoUrl) return null;
  return checkRepoUrl({ url: project.repoUrl, isInstanceAdmin: project.repoUrlSetBy?.isInstanceAdmin ?? false });
}
