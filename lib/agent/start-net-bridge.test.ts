import fs from "node:fs";
import http from "node:http";
import type net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startNetBridge } from "@/lib/agent/start-net-bridge";

const open: { close(): void }[] = [];
afterEach(() => {
  for (const server of open.splice(0)) server.close();
});

/** A bridge on a free port (the entry's port 0 picks one). */
async function startBridge(socketPath: string, socketWaitMs?: number): Promise<string> {
  const [server] = await startNetBridge(`127.0.0.1:0=${socketPath}`, { socketWaitMs });
  open.push(server!);
  return `http://127.0.0.1:${(server!.address() as net.AddressInfo).port}`;
}

describe("the sandbox's loopback bridge", () => {
  it("holds a request that arrives before the network host listens, and delivers it once it does", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-bridge-"));
    const socketPath = path.join(dir, "api.sock");
    const url = await startBridge(socketPath);
    // The agent's first request, sent while the host (started beside the agent) is not listening yet.
    const started = Date.now();
    const pending = fetch(`${url}/api/v1/sandboxes/x/context`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const app = http.createServer((req, res) => res.end(`answered ${req.url}`));
    await new Promise<void>((resolve) => app.listen(socketPath, resolve));
    open.push(app);
    const response = await pending;
    expect(await response.text()).toBe("answered /api/v1/sandboxes/x/context");
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it("fails a request whose socket never appears instead of leaving it unanswered", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-bridge-"));
    const url = await startBridge(path.join(dir, "never.sock"), 1_000);
    const error = await fetch(`${url}/x`).then(
      () => null,
      (e: Error & { cause?: { code?: string } }) => e,
    );
    expect(error?.message).toBe("fetch failed");
    expect(error?.cause?.code).toBe("ECONNRESET");
  });
});
