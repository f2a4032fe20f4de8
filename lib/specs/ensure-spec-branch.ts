import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { checkProjectRepo } from "@/lib/repos/check-project-repo";
import { ensureMirror } from "@/lib/repos/ensure-mirror";
import { fetchIntoMirror } from "@/lib/repos/fetch-into-mirror";
import { gitEnv } from "@/lib/repos/git-env";
import { pushFromMirror, PushRefusedError } from "@/lib/repos/push-from-mirror";
import { readRemoteBranches } from "@/lib/repos/read-remote-branches";
import { runGit } from "@/lib/repos/run-git";
import { SERVER_COMMITTER } from "@/lib/repos/server-committer";
import { specBranchName } from "@/lib/repos/ticket-branch-name";
import { withMirrorLock } from "@/lib/repos/with-mirror-lock";

export interface SpecBranch {
  gitDir: string;
  branch: string;
  /** The spec branch's commit as the server last set it. */
  head: string;
}

/** The commit every empty project starts from: the same in the mirror and in every workspace cloned from it. */
const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/**
 * The spec's branch, made the first time it is asked for (when its first ticket is dispatched): the spec gets its
 * number in the project, the branch `omoi/<namespace>/spec-<n>` starts at the default branch's current head as the
 * server fetches it into the project's mirror (an empty project gets one empty first commit), the base is stored on
 * the spec, and the branch is pushed to the project's repository (when it has one) so sandboxes clone it from there.
 * Everything after this moves the branch only by fast-forward to a tested merge (lib/specs/finish-integration.ts).
 */
export async function ensureSpecBranch(specId: string): Promise<SpecBranch> {
  const spec = await db.spec.findUniqueOrThrow({
    where: { id: specId },
    select: { number: true, branch: true, branchHead: true, project: { select: { id: true, name: true, repoUrl: true, defaultBranch: true } } },
  });
  const { project } = spec;
  const gitDir = await ensureMirror(project.id);
  if (spec.branch && spec.branchHead && (await hasCommit(gitDir, spec.branchHead))) return { gitDir, branch: spec.branch, head: spec.branchHead };
  if (project.repoUrl) {
    const refused = await checkProjectRepo(project.id);
    if (refused) throw new AppError("conflict", `The project's repository may not be used: ${refused}`);
  }
  const number = spec.number ?? (await assignSpecNumber(specId, project.id));
  const branch = spec.branch ?? specBranchName(project, number);

  const head = await withMirrorLock(gitDir, async () => {
    const local = await runGit(["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`], { gitDir }).catch(() => "");
    if (!project.repoUrl) {
      const start = local || (await emptyProjectBase(gitDir, project.defaultBranch));
      await runGit(["update-ref", `refs/heads/${branch}`, start], { gitDir });
      return start;
    }
    const remote = (await readRemoteBranches(project.repoUrl, [branch])).get(branch) ?? "";
    if (remote && remote === spec.branchHead) {
      // The mirror lost it (a new data folder): the repository still has the branch where the server left it.
      await fetchIntoMirror({ gitDir, repoUrl: project.repoUrl, refspecs: [`+refs/heads/${branch}:refs/heads/${branch}`] });
      return remote;
    }
    if (remote && remote !== local) {
      throw new PushRefusedError(`the branch ${branch} already exists in the repository (at ${remote.slice(0, 12)}) and is not this spec's; refusing to overwrite it`);
    }
    const start = local || (await fetchDefaultHead(gitDir, project.repoUrl, project.defaultBranch));
    await runGit(["update-ref", `refs/heads/${branch}`, start], { gitDir });
    // With a lease on "absent": a branch of that name that appears meanwhile is never overwritten.
    if (!remote) await pushFromMirror({ gitDir, repoUrl: project.repoUrl, defaultBranch: project.defaultBranch, branch, sha: start, expectedSha: "" });
    return start;
  });
  await db.spec.updateMany({
    where: { id: specId, branchHead: spec.branchHead },
    data: { branch, branchHead: head, ...(spec.branch ? {} : { branchBaseCommit: head }) },
  });
  const stored = await db.spec.findUniqueOrThrow({ where: { id: specId }, select: { branch: true, branchHead: true } });
  return { gitDir, branch: stored.branch ?? branch, head: stored.branchHead ?? head };
}

async function assignSpecNumber(specId: string, projectId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const current = await tx.spec.findUniqueOrThrow({ where: { id: specId }, select: { number: true } });
    if (current.number) return current.number;
    const { specSeq } = await tx.project.update({ where: { id: projectId }, data: { specSeq: { increment: 1 } }, select: { specSeq: true } });
    await tx.spec.update({ where: { id: specId }, data: { number: specSeq } });
    return specSeq;
  });
}

async function fetchDefaultHead(gitDir: string, repoUrl: string, defaultBranch: string): Promise<string> {
  const ref = `refs/remotes/origin/${defaultBranch}`;
  try {
    await fetchIntoMirror({ gitDir, repoUrl, refspecs: [`+refs/heads/${defaultBranch}:${ref}`] });
  } catch (error) {
    throw new Error(`the default branch ${defaultBranch} could not be fetched to start the spec branch from: ${(error as Error).message}`);
  }
  return runGit(["rev-parse", "--verify", `${ref}^{commit}`], { gitDir });
}

/**
 * A project without a repository lives in its mirror: its default branch starts as one empty commit there, and the
 * spec branch and every workspace start from it.
 */
async function emptyProjectBase(gitDir: string, defaultBranch: string): Promise<string> {
  const existing = await runGit(["rev-parse", "--verify", "--quiet", `refs/heads/${defaultBranch}^{commit}`], { gitDir }).catch(() => "");
  if (existing) return existing;
  // Fixed dates: the empty project's first commit is the same commit whenever it is made.
  const env = { ...SERVER_COMMITTER, GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z" };
  const commit = await runGit(["commit-tree", EMPTY_TREE, "-m", "Initial commit"], { gitDir, env: { ...gitEnv(), ...env } });
  await runGit(["update-ref", `refs/heads/${defaultBranch}`, commit, ""], { gitDir });
  await runGit(["symbolic-ref", "HEAD", `refs/heads/${defaultBranch}`], { gitDir });
  return commit;
}

async function hasCommit(gitDir: string, commit: string): Promise<boolean> {
  return runGit(["cat-file", "-e", `${commit}^{commit}`], { gitDir }).then(
    () => true,
    () => false,
  );
}
