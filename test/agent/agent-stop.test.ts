import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";

// An app that accepts connections and never answers: what an agent sees when the server hangs or a network drops
// its packets. A stop must still end the agent within its grace period.
const sockets = new Set<net.Socket>();
const silentApp = net.createServer((socket) => {
  sockets.add(socket);
  socket.on("error", () => {});
});
const workspaces: string[] = [];
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  silentApp.close();
  for (const workspace of workspaces) fs.rmSync(workspace, { recursive: true, force: true });
});

const GRACE_MS = 1_500;

/** A real agent process (the bundle sandboxes run) pointed at `apiUrl`, with a short stop grace period. */
function startAgent(apiUrl: string) {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-stop-"));
  workspaces.push(workspace);
  const child = spawn(process.execPath, [inject("agentBundlePath"), "agent"], {
    env: {
      PATH: process.env.PATH!,
      OMOIOS_API_URL: apiUrl,
      OMOIOS_SANDBOX_ID: "sbx-stop-test",
      OMOIOS_SANDBOX_TOKEN: "omoisbx_stop-test-token",
      EXECUTION_MODE: "implementation",
      WORKSPACE_PATH: workspace,
      OMOIOS_STOP_GRACE_MS: String(GRACE_MS),
    } as Record<string, string> as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stderr: "" };
  child.stderr.on("data", (d) => (output.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, output, exited };
}

describe("an agent told to stop", () => {
  it("exits within its grace period (143) even though its app never answers, and says why", async () => {
    await new Promise<void>((resolve) => silentApp.listen(0, "127.0.0.1", resolve));
    const port = (silentApp.address() as net.AddressInfo).port;
    const { child, output, exited } = startAgent(`http://127.0.0.1:${port}`);
    // It is waiting for its context (and its heartbeat) from the silent app.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(child.exitCode).toBeNull();
    expect(sockets.size).toBeGreaterThan(0);

    const stoppedAt = Date.now();
    child.kill("SIGTERM");
    const code = await exited;
    const took = Date.now() - stoppedAt;
    expect(code).toBe(143);
    expect(took).toBeLessThan(5_000);
    expect(output.stderr).toContain("SIGTERM received: stopping");
  }, 20_000);

  it("exits within its grace period (143) when nothing listens at its app's address (connections refused)", async () => {
    // A port that was free a moment ago and is closed again: every connection to it is refused at once, as when the
    // app's server is down. The agent then retries with backoff (about 4 s in all before it gives up with code 2);
    // a stop in between must not wait for those retries, nor for its last reports that cannot be delivered.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const { child, output, exited } = startAgent(`http://127.0.0.1:${port}`);

    // Stopped while it is retrying: its first attempt has been refused.
    const deadline = Date.now() + 10_000;
    while (!/context request attempt 1 failed: ECONNREFUSED/.test(output.stderr) && child.exitCode === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(output.stderr).toMatch(/context request attempt 1 failed: ECONNREFUSED/);
    expect(child.exitCode).toBeNull();

    const stoppedAt = Date.now();
    child.kill("SIGTERM");
    const code = await exited;
    const took = Date.now() - stoppedAt;
    // 143, not 2: it stopped because it was told to, not because its retries ran out.
    expect(code).toBe(143);
    expect(took).toBeLessThan(GRACE_MS + 2_000);
    expect(output.stderr).toContain("SIGTERM received: stopping");
    expect(output.stderr).not.toContain("could not load the sandbox's context");
  }, 20_000);
});
