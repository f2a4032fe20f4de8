import { lookup } from "node:dns/promises";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { isPublicAddress } from "@/lib/security/is-public-address";

export interface CheckRepoUrlOptions {
  /** A project's `repoUrl` as given (or as stored). */
  url: string;
  /** Instance admins own the server: any local path on it is theirs to use. */
  isInstanceAdmin: boolean;
}

/** How long a host name may take to resolve before the check gives up on it (see resolveHost). */
const LOOKUP_TIMEOUT_MS = 3_000;

/**
 * Why OmoiOS will not use `url` as a project's repository for this user — in plain words, for a 422 on `repoUrl` or
 * the readiness check — or null when it may. The server clones, fetches and pushes with its own rights, so a tenant
 * must not be able to point it at the server's files, its local ports or a private network:
 * - remote repositories only as `https://host/…` without credentials, on a host that is not loopback, private or
 *   link-local (nor resolves to one); every other transport (http, ssh, scp-style, git, file, `ext::` and other
 *   `<helper>::` forms) is refused;
 * - absolute local paths for instance admins, and for everyone else only inside LOCAL_REPO_ROOTS, judged on the real
 *   path so `..` and symlinks cannot lead out. The answer for a path outside the roots does not depend on whether it
 *   exists.
 */
export async function checkRepoUrl({ url, isInstanceAdmin }: CheckRepoUrlOptions): Promise<string | null> {
  const value = url.trim();
  if (value.startsWith("/")) return isInstanceAdmin ? null : checkLocalPath(value);
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(value)) return "Git transport helpers (such as ext::) are not allowed: use an https:// URL.";
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  if (!scheme) {
    if (/^[^/]*:/.test(value)) return "ssh addresses (user@host:path) are not allowed: use an https:// URL.";
    return "Use an https:// URL or an absolute local path.";
  }
  if (scheme !== "https") return `${scheme}:// URLs are not allowed: use an https:// URL.`;
  // git (and repoSource) recognize the scheme in lowercase only.
  if (!value.startsWith("https://")) return "Write the URL with a lowercase https://.";
  return checkHttpsUrl(value);
}

async function checkHttpsUrl(value: string): Promise<string | null> {
  // Judged on the raw text, not on a parser's reading of it: git hands the URL to curl, whose parser and Node's differ
  // on odd authorities (`https://a.example\@127.0.0.1/`). Only a plain host (or [IPv6]) and port pass.
  const authority = /^https:\/\/([^/?#]*)/.exec(value)![1]!;
  if (authority.includes("@")) return "Do not put a user name or password in the URL.";
  if (!/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(authority)) return "This is not a valid https:// URL.";
  let host: string;
  try {
    // The WHATWG parser turns the numeric forms of IPv4 (2130706433, 0x7f.1, 0177.0.0.1) into dotted quads, as
    // inet_aton — and so curl — reads them.
    host = new URL(value).hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  } catch {
    return "This is not a valid https:// URL.";
  }
  const internal = `The host ${host} is this server or on a private network: use a public https:// URL.`;
  if (!host || host === "localhost" || host.endsWith(".localhost")) return internal;
  // IPv6 in ::/16 (unspecified, loopback, IPv4-mapped and the deprecated IPv4-compatible ::a.b.c.d) is never a
  // public host; judged here because only some of these forms are in isPublicAddress's list.
  if (net.isIP(host) === 6 && host.startsWith("::")) return internal;
  if (net.isIP(host)) return isPublicAddress(host) ? null : internal;
  const addresses = await resolveHost(host);
  if (addresses.some((address) => !isPublicAddress(address))) {
    return `The host ${host} resolves to this server or a private network: use a public https:// URL.`;
  }
  return null;
}

/**
 * Every address a host name resolves to. A name that does not resolve (or not in time) passes: git cannot reach it
 * either. This is a check at the time of asking, not a guarantee at clone time (DNS can change); what a sandbox can
 * reach is the egress proxy's business.
 */
async function resolveHost(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), LOOKUP_TIMEOUT_MS);
  });
  const resolved = lookup(host, { all: true }).then(
    (answers) => answers.map((answer) => answer.address),
    () => [],
  );
  try {
    return await Promise.race([resolved, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkLocalPath(value: string): Promise<string | null> {
  const configured = getEnv().LOCAL_REPO_ROOTS.split(",").map((root) => root.trim()).filter(Boolean);
  if (configured.length === 0) return "Local paths are not allowed on this server: use an https:// URL.";
  const roots = (await Promise.all(configured.map((root) => fs.promises.realpath(path.resolve(root)).catch(() => null)))).filter(
    (root): root is string => root !== null,
  );
  const real = await realPathOf(path.resolve(value));
  const inside = real !== null && roots.some((root) => real === root || real.startsWith(root === "/" ? "/" : `${root}/`));
  return inside ? null : `Local repositories must be inside ${configured.join(" or ")}: use a path there or an https:// URL.`;
}

/**
 * The real path of `target`, symlinks resolved. A path that does not exist yet is resolved as far as it exists (its
 * missing tail cannot hold a symlink). Null when part of it exists but cannot be resolved (a dangling symlink, a
 * folder the server cannot enter): such a path is never inside a root.
 */
async function realPathOf(target: string): Promise<string | null> {
  const missing: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(await fs.promises.realpath(current), ...missing);
    } catch {
      const entry = await fs.promises.lstat(current).then(
        () => "exists" as const,
        (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? ("missing" as const) : ("unreadable" as const)),
      );
      if (entry !== "missing") return null;
      const parent = path.dirname(current);
      if (parent === current) return null;
      missing.unshift(path.basename(current));
      current = parent;
    }
  }
}
