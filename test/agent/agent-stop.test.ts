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
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  silentApp.close();
});

describe("an agent told to stop", () => {
  it("exits within its grace period (143) even though its app never answers, and says why", async () => {
    await new Promise<void>((resolve) => silentApp.listen(0, "127.0.0.1", resolve));
    const port = (silentApp.address() as net.AddressInfo).port;
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-stop-"));
    const child = spawn(process.execPath, [inject("agentBundlePath"), "agent"], {
      env: {
        PATH: process.env.PATH!,
        OMOIOS_API_URL: `http://127.0.0.1:${port}`,
        OMOIOS_SANDBOX_ID: "sbx-stop-test",
        OMOIOS_SANDBOX_TOKEN: "omoisbx_stop-test-token",
        EXECUTION_MODE: "implementation",
        WORKSPACE_PATH: workspace,
        OMOIOS_STOP_GRACE_MS: "1500",
      } as Record<string, string> as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
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
    expect(stderr).toContain("SIGTERM received: stopping");
    fs.rmSync(workspace, { recursive: true, force: true });
  }, 20_000);
});
