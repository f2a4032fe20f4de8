import fs from "node:fs";
import path from "node:path";
import { runGit } from "@/lib/repos/run-git";

export interface FetchFromWorkspaceOptions {
  /** The sandbox's workspace (a clone the agent controlled). */
  workspacePath: string;
  branch: string;
  /** The mirror to fetch into, and the ref to write there. */
  gitDir: string;
  intoRef: string;
}

/**
 * Copies a branch out of a local sandbox's workspace into the mirror without running the server's git *in* the
 * workspace: the mirror fetches from it, so the workspace side is `git upload-pack`, which git designs to serve
 * untrusted repositories — it runs no hooks and ignores the repository's own `core.fsmonitor`, `core.sshCommand` and
 * `uploadpack.packObjectsHook` (see fetch-from-workspace.test.ts).
 *
 * What upload-pack does follow is paths: a symlinked ref or object folder, `objects/info/alternates`, `commondir` or a
 * `.git` file would make the server (which can read every project's mirror and workspace) serve another tenant's
 * commits as this branch. A workspace whose repository has any of them is refused before git reads it; `--strict`
 * keeps upload-pack from looking for another repository next to the one named.
 */
export async function fetchFromWorkspace({ workspacePath, branch, gitDir, intoRef }: FetchFromWorkspaceOptions): Promise<void> {
  const repo = path.join(path.resolve(workspacePath), ".git");
  await assertSelfContainedRepository(repo);
  // The workspace may belong to the sandbox's own user: trust exactly this repository for this one upload-pack (the
  // fetch's own `-c` does not reach it — git clears config parameters for the other side of a local transport).
  const uploadPack = `git -c ${shellQuote(`safe.directory=${repo}`)} upload-pack --strict`;
  await runGit(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", `--upload-pack=${uploadPack}`, "--", repo, `+refs/heads/${branch}:${intoRef}`], { gitDir });
}

/** Entries of a git folder that point git at other folders of this machine. */
const REDIRECTS = ["commondir", "gitdir", ".git", "objects/info/alternates", "objects/info/http-alternates"];

async function assertSelfContainedRepository(repo: string) {
  const refuse = (what: string) => {
    throw new Error(`the workspace's repository cannot be exported: ${what}`);
  };
  if (!(await fs.promises.lstat(path.dirname(repo)).catch(() => null))?.isDirectory()) refuse("the workspace is not a folder");
  if (!(await fs.promises.lstat(repo).catch(() => null))?.isDirectory()) refuse(".git is not a folder");
  for (const name of REDIRECTS) {
    if (await fs.promises.lstat(path.join(repo, name)).catch(() => null)) refuse(`it has ${name}, which points outside it`);
  }
  // Git itself makes no symlinks where upload-pack reads (HEAD, config, packed-refs, refs/, objects/). Hooks, which it
  // never runs, may be symlinked by a project's setup script. d_type from readdir, no stat per file: a large
  // repository's objects are walked in milliseconds.
  const top = await fs.promises.readdir(repo, { withFileTypes: true });
  const linked = top.find((entry) => entry.isSymbolicLink() && entry.name !== "hooks");
  if (linked) refuse(`${linked.name} is a symbolic link`);
  for (const folder of ["refs", "objects"]) {
    const entries = await fs.promises.readdir(path.join(repo, folder), { recursive: true, withFileTypes: true }).catch(() => []);
    const link = entries.find((entry) => entry.isSymbolicLink());
    if (link) refuse(`${path.relative(repo, path.join(link.parentPath, link.name))} is a symbolic link`);
  }
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
