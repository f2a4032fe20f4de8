import fs from "node:fs";
import type { LocalContext } from "@/lib/sandbox/local/local-config";
import { stopLocalSandbox } from "@/lib/sandbox/local/stop-local-sandbox";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

/** Stops the agent, then removes the sandbox's folder. */
export async function destroyLocalSandbox(ctx: LocalContext, ref: SandboxRef): Promise<void> {
  await stopLocalSandbox(ctx, ref);
  // The log stays (members read it after the fact); the workspace and home go. Retried: the sandbox's network host
  // may be making or removing its sockets at this very moment (it ends within half a second of the agent).
  await fs.promises.rm(ctx.dirOf(ref.sandboxId), { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
