import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { checkProjectRepo } from "@/lib/repos/check-project-repo";
import { ensureMirror } from "@/lib/repos/ensure-mirror";
import { fetchIntoMirror } from "@/lib/repos/fetch-into-mirror";
import { gitEnv, repoSource } from "@/lib/repos/git-env";
import { runGit } from "@/lib/repos/run-git";
import { withMirrorLock } from "@/lib/repos/with-mirror-lock";

export interface SpecBase {
  /** The project's mirror (a bare repository only the server writes). */
  gitDir: string;
  /** The default branch's commit, or null for an empty repository (no branch yet). */
  commit: string | null;
}

/**
 * The commit a spec was explored at, as the server itself fetched it: the project's default branch, fetched into the
 * project's mirror the first time it is asked for and kept on the spec (Spec.baseCommit), so every later question
 * (does this key file exist? what did the spec's work change?) is answered against the same commit, never against
 * what a sandbox says. Null when the project has no repository. The repository policy is checked first, as for a
 * clone.
 */
export async function resolveSpecBaseCommit(specId: string): Promise<SpecBase | null> {
  const spec = await db.spec.findUniqueOrThrow({
    where: { id: specId },
    select: { baseCommit: true, project: { select: { id: true, repoUrl: true, defaultBranch: true } } },
  });
  const { project } = spec;
  if (!project.repoUrl) return null;
  const refused = await checkProjectRepo(project.id);
  if (refused) throw new AppError("conflict", `The project's repository may not be used: ${refused}`);
  const gitDir = await ensureMirror(project.id);
  if (spec.baseCommit && (await hasCommit(gitDir, spec.baseCommit))) return { gitDir, commit: spec.baseCommit };

  const ref = `refs/omoi/base/${project.defaultBranch}`;
  const commit = await withMirrorLock(gitDir, async () => {
    try {
      await fetchIntoMirror({ gitDir, repoUrl: project.repoUrl!, refspecs: [`+refs/heads/${project.defaultBranch}:${ref}`] });
    } catch (error) {
      // An empty repository has no default branch yet: nothing exists in it.
      if (await isEmptyRemote(gitDir, project.repoUrl!)) return null;
      throw error;
    }
    return runGit(["rev-parse", "--verify", `${ref}^{commit}`], { gitDir });
  });
  if (commit) await db.spec.updateMany({ where: { id: specId, baseCommit: null }, data: { baseCommit: commit } });
  return { gitDir, commit };
}

async function hasCommit(gitDir: string, commit: string): Promise<boolean> {
  return runGit(["cat-file", "-e", `${commit}^{commit}`], { gitDir }).then(
    () => true,
    () => false,
  );
}

async function isEmptyRemote(gitDir: string, repoUrl: string): Promise<boolean> {
  const heads = await runGit(["ls-remote", "--heads", "--", repoSource(repoUrl).source], { gitDir, env: gitEnv(getEnv().GITHUB_TOKEN, repoUrl) }).catch(() => null);
  return heads === "";
}
