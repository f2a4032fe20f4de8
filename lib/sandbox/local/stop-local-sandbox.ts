import { isAlive, killGroup } from "@/lib/sandbox/local/agent-process";
import type { LocalContext } from "@/lib/sandbox/local/local-config";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

/** Ends the agent's process group: SIGTERM, up to `stopGraceMs` for it to go, then SIGKILL. */
export async function stopLocalSandbox(ctx: LocalContext, ref: SandboxRef): Promise<void> {
  const alive = await isAlive(ctx, ref);
  if (!alive) return;
  killGroup(alive.pid, "SIGTERM");
  const deadline = Date.now() + ctx.stopGraceMs;
  while (Date.now() < deadline && (await isAlive(ctx, ref))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Whatever of the sandbox ignored SIGTERM or outlived the agent goes too. Killing the group also kills the
  // sandbox's PID-namespace init, and with it every process inside, even one that left the group with setsid.
  killGroup(alive.pid, "SIGKILL");
}
