import fs from "node:fs";
import { isAlive } from "@/lib/sandbox/local/agent-process";
import type { LocalContext } from "@/lib/sandbox/local/local-config";
import type { SandboxRef, SandboxStatus } from "@/lib/sandbox/sandbox-provider";

/** Running while the process recorded in the pid file (same pid, same start time) lives. */
export async function readLocalStatus(ctx: LocalContext, ref: SandboxRef): Promise<SandboxStatus> {
  if (!fs.existsSync(ctx.dirOf(ref.sandboxId))) return { state: "exited", exitCode: null };
  return (await isAlive(ctx, ref)) ? { state: "running" } : { state: "exited", exitCode: null };
}
