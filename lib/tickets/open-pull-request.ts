import { Octokit } from "@octokit/rest";
import { getEnv } from "@/lib/env";
import { githubAllowedOwners } from "@/lib/repos/git-env";

/** owner/repo of a GitHub https or ssh URL; null for anything else (a local path, another host). */
export function githubRepoOf(url: string | null): { owner: string; repo: string } | null {
  if (!url) return null;
  const match = /^(?:https:\/\/github\.com\/|git@github\.com:)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? { owner: match[1]!, repo: match[2]! } : null;
}

export interface PullRequestInput {
  repoUrl: string;
  head: string;
  base: string;
  title: string;
  body: string;
}

/**
 * Opens (or finds, when one is already open for the branch) the pull request of a task's branch through GitHub's
 * REST API with the server's token. Null when GitHub is not configured for this repository (no token, not a GitHub
 * repository, or its owner is not in GITHUB_ALLOWED_OWNERS).
 */
export async function openPullRequest(input: PullRequestInput): Promise<{ url: string; number: number } | null> {
  const env = getEnv();
  const repo = githubRepoOf(input.repoUrl);
  // The token acts for the server's GitHub account: only on repositories of owners the operator allowed.
  if (!env.GITHUB_TOKEN || !repo || !githubAllowedOwners().includes(repo.owner.toLowerCase())) return null;
  const octokit = new Octokit({ auth: env.GITHUB_TOKEN, baseUrl: env.GITHUB_API_URL, userAgent: "omoios", request: { retries: 0 } });
  const existing = await octokit.rest.pulls.list({ ...repo, head: `${repo.owner}:${input.head}`, state: "open", per_page: 1 });
  if (existing.data[0]) return { url: existing.data[0].html_url, number: existing.data[0].number };
  const created = await octokit.rest.pulls.create({ ...repo, head: input.head, base: input.base, title: input.title, body: input.body });
  return { url: created.data.html_url, number: created.data.number };
}
