import { spawn } from "node:child_process";
import path from "node:path";
import { SANDBOX_PATH } from "@/lib/repos/git-env";
import type { SandboxNetHostConfig } from "@/lib/sandbox/isolation/run-sandbox-net-host";
import type { LocalContext } from "@/lib/sandbox/local/local-config";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

/**
 * Beside the agent, not before it: the host is ready in tens of milliseconds, long before the agent has parsed its
 * bundle; it ends by itself when the agent's process group is gone (see run-sandbox-net-host.ts).
 */
export function startNetHost(ctx: LocalContext, ref: SandboxRef, env: Record<string, string>, pgid: number, logFd: number) {
  const config: SandboxNetHostConfig = {
    dir: path.join(ctx.dirOf(ref.sandboxId), "net"),
    app: env.OMOIOS_API_URL ?? "http://localhost:3000",
    egress: ctx.options.egressAllow ?? "",
    pgid,
  };
  const host = spawn(process.execPath, [ctx.netHostPath, JSON.stringify(config)], {
    env: { PATH: SANDBOX_PATH, LANG: "C.UTF-8" } as Record<string, string> as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", logFd, logFd],
  });
  host.once("error", () => {});
  host.unref();
}
