import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { findFreePort, isTraversableBy, isTraversableByOthers, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

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

  it("isTraversableBy uses the bit that applies to the user: a 0710 folder lets its group through, nobody else", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-trav-"));
    fs.chmodSync(root, 0o755);
    const data = path.join(root, "data");
    fs.mkdirSync(data, { mode: 0o710 });
    fs.chmodSync(data, 0o710);
    const { uid, gid } = fs.statSync(data);
    expect(isTraversableBy(path.join(data, "pg"), { uid, gid })).toBe(true);
    expect(isTraversableBy(path.join(data, "pg"), { uid: uid + 1, gid })).toBe(true);
    expect(isTraversableBy(path.join(data, "pg"), { uid: uid + 1, gid: gid + 1 })).toBe(false);
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

describe("startEmbeddedPostgres", () => {
  it("keeps its data and password across a restart in the same folder", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-pg-restart-"));
    fs.chmodSync(root, 0o755);
    const dataDir = path.join(root, "pg");
    let server = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), database: "kept" });
    try {
      const first = new pg.Client({ connectionString: server.url });
      await first.connect();
      await first.query("CREATE TABLE note (text text); INSERT INTO note VALUES ('still here')");
      await first.end();
      const { url, port } = server;
      await server.stop();

      server = await startEmbeddedPostgres({ dataDir, port, database: "kept" });
      expect(server.url).toBe(url);
      const second = new pg.Client({ connectionString: server.url });
      await second.connect();
      expect((await second.query("SELECT text FROM note")).rows).toEqual([{ text: "still here" }]);
      await second.end();
    } finally {
      await server.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 90_000);
});
