import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("npm start with an unreachable DATABASE_URL", () => {
  it("prints one clear error line without the password and exits non-zero", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-start-"));
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, DATABASE_URL: "postgresql://omoi:hunter2@127.0.0.1:1/omoios", OMOIOS_DATA_DIR: dataDir },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[omoios\] cannot use the database at 127\.0\.0\.1:1\/omoios: .*ECONNREFUSED/);
    expect(result.stderr + result.stdout).not.toContain("hunter2");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
