import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SANDBOX_PATH } from "@/lib/repos/git-env";
import { processStartTime, signalNumber } from "@/lib/sandbox/local/agent-process";
import { confinedLaunch } from "@/lib/sandbox/local/build-confined-launch";
import { safeName, type LocalContext } from "@/lib/sandbox/local/local-config";
import { startNetHost } from "@/lib/sandbox/local/start-net-host";
import type { SandboxRef, SandboxStatus } from "@/lib/sandbox/sandbox-provider";

/**
 * `omoi agent` started detached in its own process group with only the env contract, output to the log file; its
 * pid and start time go to the pid file so a restarted worker can still inspect or stop it.
 */
export async function startLocalAgent(
  ctx: LocalContext,
  ref: SandboxRef,
  env: Record<string, string>,
  onExit?: (status: SandboxStatus) => void,
): Promise<void> {
  const { root, isolated, options } = ctx;
  const logPath = ref.logPath ?? path.join(root, "logs", `${safeName(ref.sandboxId)}.log`);
  const logFd = fs.openSync(logPath, "a", 0o600);
  try {
    const launch = isolated
      ? await confinedLaunch(ctx, ref, env)
      : {
          command: process.execPath,
          args: [options.agentBundlePath, "agent"],
          cwd: ref.workspacePath,
          env: { ...env, PATH: SANDBOX_PATH, HOME: path.join(ctx.dirOf(ref.sandboxId), "home"), LANG: "C.UTF-8" },
          user: undefined,
        };
    const child = spawn(launch.command, launch.args, {
      cwd: launch.cwd,
      // The whole environment, also of bubblewrap itself (its /proc/1/environ is visible inside).
      env: launch.env as unknown as NodeJS.ProcessEnv,
      ...(launch.user ? { uid: launch.user.uid, gid: launch.user.gid } : {}),
      // Its own process group: stop() ends the agent and every command it started.
      detached: true,
      stdio: ["ignore", logFd, logFd],
    });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
    const pid = child.pid!;
    const startTime = await processStartTime(pid);
    await fs.promises.writeFile(ctx.pidFile(ref), `${pid} ${startTime ?? "unknown"}\n`);
    if (isolated) startNetHost(ctx, ref, env, pid, logFd);
    child.once("exit", (code, signal) => {
      onExit?.({ state: "exited", exitCode: code ?? 128 + signalNumber(signal) });
    });
    // The worker may stop while agents run on; they are found again through the pid file.
    child.unref();
  } finally {
    fs.closeSync(logFd);
  }
}
