import { ensureMirror } from "@/lib/repos/ensure-mirror";
import { fetchIntoMirror } from "@/lib/repos/fetch-into-mirror";
import { assertPushableBranch, PushRefusedError, pushFromMirror } from "@/lib/repos/push-from-mirror";
import { readRemoteBranches } from "@/lib/repos/read-remote-branches";
import { runGit } from "@/lib/repos/run-git";
import { withMirrorLock } from "@/lib/repos/with-mirror-lock";

export interface DeliverTicketBranchOptions {
  project: { id: string; repoUrl: string | null; defaultBranch: string };
  /** The ticket's branch as the server computed it (ticketBranchName), never what the agent reported. */
  branch: string;
  /** Every commit this ticket pushed (or was about to push) to its branch: the branch is its own while it is one of these. */
  ownedShas: readonly string[];
  /** Copies a branch of the sandbox's workspace into the mirror (SandboxProvider.exportBranch). */
  exportBranch: (branch: string, intoGitDir: string, intoRef: string) => Promise<void>;
  /** Called before the push with the commit about to be pushed, to record it as the ticket's (see ownedShas). */
  recordPush: (sha: string) => Promise<void>;
  /**
   * What the work is compared with when the server already knows it: a spec ticket's spec branch head (in the
   * mirror). Without it, the default branch as the repository (or, without one, the workspace) has it.
   */
  baseCommit?: string;
}

export interface Delivery {
  branch: string;
  sha: string;
  /** The default branch's commit the work was compared with; null when there was none. */
  base: string | null;
  /** Commits on the branch that are not on the default branch. */
  commits: number;
  /** False when there was nowhere to push (no repoUrl) or the remote already had this commit. */
  pushed: boolean;
}

/**
 * A task's work, out of its sandbox and into the project's repository under rules only the server applies: the
 * server-named branch is exported into the project's mirror; it must carry commits that are not on the default
 * branch (as the repository has it now, or as the workspace had it for a project without a repository); then it is
 * pushed — only if the remote's branch is absent or holds a commit this ticket pushed, with a lease on exactly that.
 * Any refusal throws with the reason; the caller sends the task back (recoverTask) and nothing is marked done.
 */
export async function deliverTicketBranch({ project, branch, ownedShas, exportBranch, recordPush, baseCommit }: DeliverTicketBranchOptions): Promise<Delivery> {
  assertPushableBranch(branch, project.defaultBranch);
  const gitDir = await ensureMirror(project.id);
  return withMirrorLock(gitDir, async () => {
    const intoRef = `refs/exported/${branch}`;
    await exportBranch(branch, gitDir, intoRef).catch((error: Error) => {
      throw new Error(`the branch ${branch} could not be exported from the sandbox: ${error.message}`);
    });
    const sha = await runGit(["rev-parse", "--verify", "--quiet", `${intoRef}^{commit}`], { gitDir });

    const remote = project.repoUrl ? await readRemoteBranches(project.repoUrl, [project.defaultBranch, branch]) : null;
    const base = baseCommit
      ? baseCommit
      : remote
        ? await fetchBase(gitDir, project.repoUrl!, project.defaultBranch, remote)
        : await exportedBase(gitDir, project.defaultBranch, branch, sha, exportBranch);
    const commits = Number(await runGit(["rev-list", "--count", sha, ...(base ? [`^${base}`] : [])], { gitDir }));
    if (commits === 0) {
      throw new PushRefusedError(`the branch ${branch} has no commits that are not on ${baseCommit ? "its spec branch" : project.defaultBranch}: the agent's work was not committed there`);
    }
    // The mirror keeps the ticket's branch as a branch too: a later attempt's workspace, cloned from the mirror,
    // continues from it.
    await runGit(["update-ref", `refs/heads/${branch}`, sha], { gitDir });
    if (!remote) return { branch, sha, base, commits, pushed: false };

    const current = remote.get(branch) ?? "";
    if (current === sha) return { branch, sha, base, commits, pushed: false };
    if (current && !ownedShas.includes(current)) {
      throw new PushRefusedError(`the branch ${branch} already exists on the remote (at ${current.slice(0, 12)}) and holds no work this ticket delivered; refusing to overwrite it`);
    }
    await recordPush(sha);
    await pushFromMirror({ gitDir, repoUrl: project.repoUrl!, defaultBranch: project.defaultBranch, branch, sha, expectedSha: current });
    return { branch, sha, base, commits, pushed: true };
  });
}

/** The remote's default branch, fetched into the mirror (the base later integration merges build on, too). */
async function fetchBase(gitDir: string, repoUrl: string, defaultBranch: string, remote: Map<string, string>): Promise<string | null> {
  // An empty repository has no default branch yet: every commit of the work is new.
  if (!remote.has(defaultBranch)) return null;
  await fetchIntoMirror({ gitDir, repoUrl, refspecs: [`+refs/heads/${defaultBranch}:refs/remotes/origin/${defaultBranch}`] });
  return runGit(["rev-parse", "--verify", "--quiet", `refs/remotes/origin/${defaultBranch}^{commit}`], { gitDir });
}

/**
 * Without a repository the workspace's default branch is the only base there is (it started as one empty commit). The
 * agent controls it, so the work must build on it: a default branch moved aside cannot make old commits look new.
 */
async function exportedBase(gitDir: string, defaultBranch: string, branch: string, sha: string, exportBranch: DeliverTicketBranchOptions["exportBranch"]): Promise<string> {
  const intoRef = `refs/exported-base/${branch}`;
  await exportBranch(defaultBranch, gitDir, intoRef).catch((error: Error) => {
    throw new Error(`the default branch ${defaultBranch} could not be exported from the sandbox to check the work against: ${error.message}`);
  });
  const base = await runGit(["rev-parse", "--verify", "--quiet", `${intoRef}^{commit}`], { gitDir });
  await runGit(["merge-base", "--is-ancestor", base, sha], { gitDir }).catch(() => {
    throw new PushRefusedError(`the branch ${branch} does not build on ${defaultBranch}`);
  });
  return base;
}
