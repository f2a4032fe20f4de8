import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TempGitRepo {
  /** The repository (the workspace root). */
  root: string;
  /** A sibling directory outside the workspace, holding secret.txt. */
  outside: string;
  git(...args: string[]): string;
  cleanup(): void;
}

/** A real git repository with one commit of `files`, next to a directory that tools must never reach. */
export function createTempGitRepo(files: Record<string, string>): TempGitRepo {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-ws-test-"));
  const root = path.join(base, "repo");
  const outside = path.join(base, "outside");
  fs.mkdirSync(root);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, "secret.txt"), "TOP-SECRET-OUTSIDE\n");
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: root,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_AUTHOR_NAME: "Test",
        GIT_AUTHOR_EMAIL: "test@example.com",
        GIT_COMMITTER_NAME: "Test",
        GIT_COMMITTER_EMAIL: "test@example.com",
      } as Record<string, string> as NodeJS.ProcessEnv,
    });
  git("init", "-q", "-b", "main");
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  git("add", "-A");
  git("commit", "-q", "-m", "initial commit");
  return { root, outside, git, cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}
