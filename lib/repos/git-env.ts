import path from "node:path";
import { getEnv } from "@/lib/env";

/** Fixed and minimal: neither git nor an agent inherits anything from the server's environment (DESIGN §5). */
export const SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin";

/**
 * The environment of every git process the server runs against a project's repository. Nothing of the server's
 * environment, no system config (credential helpers, `insteadOf` rewrites), no ssh (the server's keys are not the
 * tenant's), and only the transport the repository needs: https for a URL, `file` for a local path and for the
 * server's own local fetches (no URL). Redirects are not followed, so an allowed host cannot bounce git to an
 * internal one. The GitHub token rides along only for owners the operator allowed (GITHUB_ALLOWED_OWNERS).
 */
export function gitEnv(githubToken?: string, url?: string, allowedOwners = githubAllowedOwners()): NodeJS.ProcessEnv {
  const isRemote = url !== undefined && repoSource(url).isRemote;
  const env: Record<string, string> = {
    PATH: SANDBOX_PATH,
    HOME: "/nonexistent",
    GIT_TERMINAL_PROMPT: "0",
    LANG: "C.UTF-8",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_ALLOW_PROTOCOL: isRemote ? "https" : "file",
    GIT_SSH_COMMAND: "/bin/false",
  };
  const config: [string, string][] = [["http.followRedirects", "false"]];
  const owner = url && githubToken ? githubOwnerOf(url) : null;
  if (owner && allowedOwners.includes(owner.toLowerCase())) {
    // Through git's environment config: not in argv (visible in ps), not in the clone's .git/config. Scoped to the
    // owner's path, so even a second URL in the same process would not get it.
    const basic = Buffer.from(`x-access-token:${githubToken}`).toString("base64");
    config.push([`http.https://github.com/${owner}/.extraheader`, `AUTHORIZATION: basic ${basic}`]);
  }
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], index) => Object.assign(env, { [`GIT_CONFIG_KEY_${index}`]: key, [`GIT_CONFIG_VALUE_${index}`]: value }));
  return env as unknown as NodeJS.ProcessEnv;
}

/** GITHUB_ALLOWED_OWNERS, lowercased (GitHub owner names are case-insensitive). */
export function githubAllowedOwners(): string[] {
  return getEnv().GITHUB_ALLOWED_OWNERS.split(",").map((owner) => owner.trim().toLowerCase()).filter(Boolean);
}

/**
 * The owner of a plain `https://github.com/<owner>/…` URL (no credentials, no port), as written; null for anything
 * else. The server's GitHub token is used for a repository only when this owner is allowed.
 */
export function githubOwnerOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" || parsed.hostname !== "github.com" || parsed.port || parsed.username || parsed.password) return null;
  const owner = parsed.pathname.split("/")[1] ?? "";
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(owner) ? owner : null;
}

/**
 * What git is handed for a project's `repoUrl` (a URL as is, a local path resolved), and how to show it in a message
 * (a URL without any userinfo). Shared with the readiness check, so it asks exactly what a clone would.
 */
export function repoSource(stored: string): { isRemote: boolean; source: string; shown: string } {
  const url = throughGithubGitUrl(stored);
  const isRemote = /^(https?|ssh|git):\/\/|^[\w.-]+@[\w.-]+:/.test(url);
  const source = isRemote ? url : path.resolve(url.replace(/^file:\/\//, ""));
  return { isRemote, source, shown: isRemote ? url.replace(/\/\/[^@/]*@/, "//") : source };
}


/** A github.com repository URL as git reaches it: through GITHUB_GIT_URL when the operator set one. */
function throughGithubGitUrl(url: string): string {
  const base = getEnv().GITHUB_GIT_URL.replace(/\/+$/, "");
  if (base === "https://github.com") return url;
  const match = /^https:\/\/github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([\w.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${base}/${match[1]}/${match[2]}.git` : url;
}
