import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CliContext } from "@/lib/cli/cli-context";
import { runCli } from "@/lib/cli/run-cli";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  /** A fresh folder (the "repository" the CLI runs in). */
  dir: string;
  /** Runs `omoi <args>` in `dir` (or `cwd`) with the real CLI code; `input` answers prompts line by line. */
  run(args: string[], options?: { cwd?: string; env?: Record<string, string | undefined>; input?: string[]; retryDelaysMs?: number[] }): Promise<CliRun>;
  /** Writes a file under `.omoi_os/` of `dir`. */
  write(rel: string, text: string): void;
  read(rel: string): string;
}

const created: string[] = [];

/** Removes every folder the harnesses of this test file made (call it in afterAll). */
export function removeHarnessDirs() {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The CLI as a person runs it, but with its folder, environment and output in the test's hands. */
export function cliHarness(env: Record<string, string | undefined>): CliHarness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omoi-cli-"));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "omoi-home-"));
  created.push(dir, home);
  return {
    dir,
    async run(args, options = {}) {
      let stdout = "";
      let stderr = "";
      const input = [...(options.input ?? [])];
      const ctx: CliContext = {
        cwd: options.cwd ?? dir,
        env: { XDG_CONFIG_HOME: path.join(home, "config"), ...env, ...options.env },
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        readLine: async () => input.shift(),
        fetch: globalThis.fetch,
        retryDelaysMs: options.retryDelaysMs ?? [10, 20],
        requestTimeoutMs: 20_000,
        homeDir: home,
      };
      const code = await runCli(args, ctx);
      return { code, stdout, stderr };
    },
    write(rel, text) {
      const file = path.join(dir, ".omoi_os", rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    },
    read: (rel) => fs.readFileSync(path.join(dir, ".omoi_os", rel), "utf8"),
  };
}
