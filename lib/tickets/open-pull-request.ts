import { getGithubClient } from "@/lib/repos/get-github-client";

// Kept for importers from before the rule moved beside the client it decides (lib/repos/get-github-client.ts).
export { githubRepoOf } from "@/lib/repos/get-github-client";

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
  const github = getGithubClient(input.repoUrl);
  if (!github) return null;
  const { octokit, ...repo } = github;
  const existing = await octokit.rest.pulls.list({ ...repo, head: `${repo.owner}:${input.head}`, state: "open", per_page: 1 });
  if (existing.data[0]) return { url: existing.data[0].html_url, number: existing.data[0].number };
  const created = await octokit.rest.pulls.create({ ...repo, head: input.head, base: input.base, title: input.title, body: input.body });
  return { url: created.data.html_url, number: created.data.number };
}
