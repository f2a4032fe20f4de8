/** Where a project's repository lives, as far as merging a spec branch by hand is concerned. */
export type RepoKind = "github" | "local" | "remote" | "none";

const GITHUB = /^(?:https?:\/\/(?:[^@/]+@)?(?:www\.)?github\.com\/|ssh:\/\/git@github\.com(?::\d+)?\/|git@github\.com:)/i;

export function repoKind(repoUrl: string | null | undefined): RepoKind {
  const url = repoUrl?.trim();
  if (!url) return "none";
  if (url.startsWith("/") || url.startsWith("file://")) return "local";
  return GITHUB.test(url) ? "github" : "remote";
}

/**
 * The one line that merges a spec branch into the reader's checkout, for repositories without a pull request
 * (GitHub ones get the spec's pull request instead; a project without a repository has nothing to merge into).
 * A local path is the checkout itself, which already has the branch. A remote's branch is fetched into a local branch
 * of the same name first: a bare `git fetch <url>` would leave it only in FETCH_HEAD, and the merge would not find it.
 */
export function mergeCommand(repoUrl: string | null | undefined, branch: string): string | null {
  const kind = repoKind(repoUrl);
  if (kind === "local") return `git merge ${branch}`;
  if (kind === "remote") return `git fetch ${repoUrl?.trim()} ${branch}:${branch} && git merge ${branch}`;
  return null;
}
