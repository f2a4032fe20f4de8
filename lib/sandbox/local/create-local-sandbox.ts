import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { assertBwrapWorks } from "@/lib/sandbox/isolation/prepare-isolation";
import { safeName, type LocalContext } from "@/lib/sandbox/local/local-config";
import { cloneRepo, initEmptyRepo } from "@/lib/sandbox/local/prepare-workspace-repo";
import type { CreateSandboxInput, SandboxRef } from "@/lib/sandbox/sandbox-provider";

const run = promisify(execFile);

/** A folder for the sandbox with its home and a workspace holding the project's repository (or an empty one). */
export async function createLocalSandbox(ctx: LocalContext, input: CreateSandboxInput): Promise<SandboxRef> {
  const { root, isolated } = ctx;
  ctx.ensureRoot();
  const user = ctx.userOf(input.sandboxId);
  // Refuse before anything is made: without working isolation nothing may run (unless the operator chose none).
  if (isolated) await assertBwrapWorks(user);
  const dir = ctx.dirOf(input.sandboxId);
  const workspacePath = path.join(dir, "workspace");
  await fs.promises.mkdir(path.join(dir, "home"), { recursive: true, mode: 0o700 });
  await fs.promises.mkdir(path.join(root, "logs"), { recursive: true, mode: 0o700 });
  try {
    if (input.repo.url) await cloneRepo(input.repo.url, input.repo.branch, workspacePath, ctx.options.githubToken, input.repo.originUrl);
    else await initEmptyRepo(workspacePath, input.repo.branch);
    // The sandbox's user owns its folder and nothing else; the folder is closed to every other user.
    if (isolated && user.dedicated) await run("chown", ["-R", "--no-dereference", `${user.uid}:${user.gid}`, dir]);
    await fs.promises.chmod(dir, 0o700);
  } catch (error) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { sandboxId: input.sandboxId, externalId: input.sandboxId, workspacePath, logPath: path.join(root, "logs", `${safeName(input.sandboxId)}.log`) };
}
