import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findFreePort, isTraversableByOthers } from "@/lib/db/embedded-postgres";

describe("isTraversableByOthers", () => {
  it("is false below a folder with mode 700 (a private home) and true below 755", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-trav-"));
    const open = path.join(root, "open", "inner");
    const closed = path.join(root, "closed", "inner");
    fs.mkdirSync(open, { recursive: true });
    fs.mkdirSync(closed, { recursive: true });
    fs.chmodSync(root, 0o755);
    fs.chmodSync(path.join(root, "open"), 0o755);
    fs.chmodSync(path.join(root, "closed"), 0o700);
    expect(isTraversableByOthers(open)).toBe(true);
    expect(isTraversableByOthers(closed)).toBe(false);
    expect(isTraversableByOthers(path.join(open, "not-yet-created"))).toBe(true);
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe("findFreePort", () => {
  it("returns the preferred port when free and another one when taken", async () => {
    const port = await findFreePort();
    expect(await findFreePort(port)).toBe(port);
    const net = await import("node:net");
    const server = net.createServer().listen(port, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    expect(await findFreePort(port)).not.toBe(port);
    server.close();
  });
});
