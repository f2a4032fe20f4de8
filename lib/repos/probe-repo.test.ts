import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probeRepo } from "@/lib/repos/probe-repo";
import { createSampleRepo } from "@/test/fixtures/sample-repo";

const temp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-probe-"));
const servers: net.Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
  fs.rmSync(temp, { recursive: true, force: true });
});

/** A local port whose connections are `handled` (the probe does not judge the policy; the callers do that first). */
async function listen(handle: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer(handle);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

describe("asking a repository", () => {
  it("tells an answer (ok, no such branch, cannot be read) from a local path", async () => {
    const repo = createSampleRepo(path.join(temp, "app"));
    expect(await probeRepo({ url: repo, branch: "main", timeoutMs: 5_000 })).toEqual({ status: "ok" });
    expect(await probeRepo({ url: repo, branch: "release", timeoutMs: 5_000 })).toMatchObject({ status: "branch_not_found", message: expect.stringContaining('no branch "release"') });
    const missing = path.join(temp, "missing");
    expect(await probeRepo({ url: missing, branch: "main", timeoutMs: 5_000 })).toEqual({
      status: "unreadable",
      message: `The repository ${missing} cannot be read by OmoiOS (it does not exist, or this server has no access to it).`,
    });
  });

  it("calls a host that cut the connection or never answered unreached, within its time limit", async () => {
    const cut = await listen((socket) => socket.destroy());
    expect(await probeRepo({ url: `https://127.0.0.1:${cut}/acme/app.git`, branch: "main", timeoutMs: 5_000 })).toMatchObject({
      status: "unreached",
      message: expect.stringContaining(`could not reach 127.0.0.1:${cut}`),
    });
    const silent = await listen(() => undefined);
    const started = Date.now();
    expect((await probeRepo({ url: `https://127.0.0.1:${silent}/acme/app.git`, branch: "main", timeoutMs: 500 })).status).toBe("unreached");
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});
