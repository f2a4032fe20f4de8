import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fetchFromBundle } from "@/lib/repos/fetch-from-bundle";
import { shellQuote } from "@/lib/sandbox/daytona/build-agent-command";
import type { DaytonaClient } from "@/lib/sandbox/daytona/daytona-client";
import { agentPaths, EXPORT_TIMEOUT_SECONDS } from "@/lib/sandbox/daytona/daytona-config";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

/**
 * The branch leaves as a `git bundle` made inside the sandbox (its git, its files, its problem), downloaded
 * through the toolbox and fetched into the mirror here (fetchFromBundle verifies it first). Nothing is pushed from
 * the sandbox and no credential is sent to it.
 */
export async function exportDaytonaBranch(client: DaytonaClient, ref: SandboxRef, branch: string, intoGitDir: string, intoRef: string): Promise<void> {
  const local = path.join(await mkdtemp(path.join(tmpdir(), "omoios-bundle-")), "export.bundle");
  const remote = path.posix.join(agentPaths(ref).dir, `export-${randomBytes(6).toString("hex")}.bundle`);
  try {
    const sandbox = await client.find(ref.externalId);
    if (!sandbox) throw new Error("the sandbox no longer exists");
    await client.run(
      sandbox,
      `git -C ${shellQuote(ref.workspacePath)} bundle create --quiet ${shellQuote(remote)} ${shellQuote(`refs/heads/${branch}`)}`,
      "git bundle create",
      EXPORT_TIMEOUT_SECONDS,
    );
    try {
      await sandbox.fs.downloadFile(remote, local, EXPORT_TIMEOUT_SECONDS);
    } finally {
      await sandbox.fs.deleteFile(remote).catch(() => {});
    }
    await fetchFromBundle({ bundlePath: local, branch, gitDir: intoGitDir, intoRef });
  } catch (err) {
    throw client.wrap("exportBranch", err);
  } finally {
    await rm(path.dirname(local), { recursive: true, force: true });
  }
}
