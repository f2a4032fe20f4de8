import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { mirrorPath, mirrorsRoot } from "@/lib/repos/mirror-path";
import { runGit } from "@/lib/repos/run-git";

/**
 * The project's mirror, created on first use: a bare repository that only the server writes to, holding what
 * sandboxes exported and what was fetched from the project's repository. It stores no remote and no credentials:
 * every fetch and push names the repoUrl stored in the database at that moment (fetchIntoMirror, pushFromMirror).
 */
export async function ensureMirror(projectId: string): Promise<string> {
  const gitDir = mirrorPath(projectId);
  if (fs.existsSync(path.join(gitDir, "HEAD"))) return gitDir;
  // Only the server's user reads mirrors: sandboxes (and their users) have no business here.
  await fs.promises.mkdir(mirrorsRoot(), { recursive: true, mode: 0o700 });
  // Made aside and renamed into place, so two deliveries starting at once never see a half-made repository.
  const staging = `${gitDir}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await runGit(["init", "--quiet", "--bare", staging]);
    // No hook of any kind runs in the mirror, whatever a later git version's template puts there.
    await runGit(["config", "core.hooksPath", "/dev/null"], { gitDir: staging });
    await fs.promises.rename(staging, gitDir);
  } catch (error) {
    await fs.promises.rm(staging, { recursive: true, force: true });
    // Another delivery made it first: that one is as good.
    if (fs.existsSync(path.join(gitDir, "HEAD"))) return gitDir;
    throw error;
  }
  return gitDir;
}
