import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const fixture = path.resolve("test/fixtures/launched-child.ts");
const waitForFile = async (file: string, ms: number) => {
  const deadline = Date.now() + ms;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("watching the processes that started the server", () => {
  it("notices when the launcher (as npm under a process manager's SIGTERM) ends without passing the signal on", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-launcher-")), "gone");
    // launcher (its own process group, like npm under systemd) → sh -c → node (the server)
    const launcher = spawn("sh", ["-c", `sh -c '"${process.execPath}" --import tsx "${fixture}" "${out}"; true'`], { detached: true, stdio: "ignore" });
    expect(await waitForFile(`${out}.chain`, 15_000)).toBe(true);
    const chain = JSON.parse(fs.readFileSync(`${out}.chain`, "utf8")) as number[];
    expect(chain).toContain(launcher.pid);
    expect(fs.existsSync(out)).toBe(false);

    // Only the launcher is signalled; the inner shell and the server are left behind, as npm leaves them.
    process.kill(launcher.pid!, "SIGKILL");
    expect(await waitForFile(out, 5_000)).toBe(true);
    expect(chain).toContain(Number(fs.readFileSync(out, "utf8")));
    // The server ended itself; nothing of the group is left.
    for (let i = 0; i < 40 && alive(-launcher.pid!); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(-launcher.pid!)).toBe(false);
  }, 30_000);
});
