import { AppError } from "@/lib/http/errors";
import { probeRepo } from "@/lib/repos/probe-repo";

/** A person is waiting on the form: a host that has not answered by then is recorded as unreachable, not waited for. */
const SAVE_TIMEOUT_MS = 5_000;

export interface AssertRepoReadableOptions {
  /** A repository the policy allows for this user (assertRepoUrlAllowed / checkProjectRepo ran first). */
  repoUrl: string;
  defaultBranch: string;
  /** The repository is being set now: one git cannot read is refused. When only the branch changes, it is recorded. */
  isRepoNew: boolean;
}

/** What to store on the project: when the repository was asked and why it could not be used (null: it answered). */
export interface RepoCheck {
  repoCheckedAt: Date;
  repoProblem: string | null;
}

/**
 * Asks a repository as it is saved, so a wrong URL, a missing path or a missing branch is refused on the form (422
 * on `repoUrl` or `defaultBranch`, saying what is wrong) instead of surfacing at launch. A remote host that gives no
 * answer (no network, a firewall, no answer in time) is not proof of anything: the project is saved and its health
 * says the repository could not be reached, until a later check reaches it.
 */
export async function assertRepoReadable({ repoUrl, defaultBranch, isRepoNew }: AssertRepoReadableOptions): Promise<RepoCheck> {
  const probe = await probeRepo({ url: repoUrl, branch: defaultBranch, timeoutMs: SAVE_TIMEOUT_MS });
  if (probe.status === "ok") return { repoCheckedAt: new Date(), repoProblem: null };
  if (probe.status === "branch_not_found") {
    throw new AppError("validation_failed", probe.message, { fields: { defaultBranch: [probe.message] } });
  }
  if (probe.status === "unreadable" && isRepoNew) {
    throw new AppError("validation_failed", probe.message, { fields: { repoUrl: [probe.message] } });
  }
  return { repoCheckedAt: new Date(), repoProblem: probe.message };
}
