import { Octokit } from "@octokit/rest";
import { getEnv } from "@/lib/env";
import { githubAllowedOwners } from "@/lib/repos/git-env";

/** owner/repo of a GitHub https or ssh URL; null for anything else (a local path, another host). */
export function githubRepoOf(url: string | null): { owner: string; repo: string } | null {
  if (!url) return null;
  const match = /^(?:https:\/\/github\.com\/|git@github\.com:)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? { owner: match[1]!, repo: match[2]! } : null;
}

export interface GithubClient {
  octokit: Octokit;
  owner: string;
  repo: string;
}

/**
 * GitHub's API for a project's repository with the server's token (GITHUB_API_URL for Enterprise or a test fake), or
 * null when GitHub is not configured for it: no GITHUB_TOKEN, not a GitHub repository, or an owner outside
 * GITHUB_ALLOWED_OWNERS. Every pull request the server opens or changes goes through here, so they share one rule.
 */
export function getGithubClient(repoUrl: string | null): GithubClient | null {
  const env = getEnv();
  const repo = githubRepoOf(repoUrl);
  // The token acts for the server's GitHub account: only on repositories of owners the operator allowed.
  if (!env.GITHUB_TOKEN || !repo || !githubAllowedOwners().includes(repo.owner.toLowerCase())) return null;
  const octokit = new Octokit({ auth: env.GITHUB_TOKEN, baseUrl: env.GITHUB_API_URL, userAgent: "omoios", request: { retries: 0 } });
  return { octokit, ...repo };
}
