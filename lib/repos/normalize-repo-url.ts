import path from "node:path";

/**
 * One key per repository, whatever way a project names it, so projects sharing one can be told apart from projects
 * that merely look alike: `https://GitHub.com/Acme/Shop.git/`, `https://github.com/acme/shop` and
 * `git@github.com:acme/shop.git` are one repository; a local path and its `/.git` folder are one. Paths of other
 * hosts keep their case (only GitHub's are case-insensitive). Text only: nothing is resolved on disk or over DNS.
 */
export function normalizeRepoUrl(url: string): string {
  const value = url.trim();
  if (value.startsWith("/") || value.startsWith("file://")) {
    return path.resolve(value.replace(/^file:\/\//, "")).replace(/\/\.git$/, "") || "/";
  }
  const scp = /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)(.*)$/.exec(value);
  const remote = scp ? { host: scp[1]!, path: scp[2]! } : hostAndPath(value);
  if (!remote) return value;
  const host = remote.host.toLowerCase().replace(/:(443|80|22)$/, "");
  let repoPath = remote.path.replace(/^\/+|\/+$/g, "").replace(/\.git$/i, "");
  if (host === "github.com") repoPath = repoPath.toLowerCase();
  return `${host}/${repoPath}`;
}

function hostAndPath(value: string): { host: string; path: string } | null {
  try {
    const parsed = new URL(value);
    return { host: parsed.host, path: parsed.pathname };
  } catch {
    return null;
  }
}
