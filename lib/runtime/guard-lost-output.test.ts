import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const fixture = path.resolve("test/fixtures/chatty-server.ts");

/** CPU seconds a process used so far (utime + stime from /proc). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Starts the chatty server, then closes the reading ends of its stdout and stderr, as a dead terminal would. */
async function startAndLoseOutput(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", fixture], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`exited ${code}`)));
  });
  child.stdout!.destroy();
  child.stderr!.destroy();
  return { child, port };
}

describe("a server whose output reader goes away", () => {
  it("keeps serving, stays idle and stops on SIGTERM", async () => {
    const { child, port } = await startAndLoseOutput();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = cpuSeconds(child.pid!);
    for (let i = 0; i < 20; i++) expect(await (await fetch(`http://127.0.0.1:${port}/r${i}`)).text()).toBe("ok");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Idle: its timer and twenty requests, not a write-error loop (which burns a whole core).
    expect(cpuSeconds(child.pid!) - before).toBeLessThan(0.5);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }, 20_000);

  it("without the guard, the same server loops on its write errors or dies (the attack this prevents)", async () => {
    const { child, port } = await startAndLoseOutput({ NO_GUARD: "1" });
    await fetch(`http://127.0.0.1:${port}/x`).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const alive = child.exitCode === null && child.signalCode === null;
    if (alive) {
      const before = cpuSeconds(child.pid!);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(cpuSeconds(child.pid!) - before).toBeGreaterThan(0.5);
      child.kill("SIGKILL");
    }
  }, 20_000);
});
