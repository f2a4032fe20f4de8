import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { loadAgentEnvFile } from "@/lib/agent/load-agent-env-file";
import { readSandboxEnv } from "@/lib/sandbox/sandbox-env";
import { buildAgentEnvFile } from "@/lib/sandbox/daytona-provider";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-env-file-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CONTRACT = {
  OMOIOS_API_URL: "https://omoios.example.test",
  OMOIOS_SANDBOX_ID: "sbx_1",
  OMOIOS_SANDBOX_TOKEN: "omoisbx_from_the_file_0123456789",
  WORKSPACE_PATH: "/home/daytona/workspace",
  AGENT_PROMPT: "it's \"quoted\" $(and) `odd`\nover two lines",
};

describe("loadAgentEnvFile", () => {
  it("without OMOIOS_ENV_FILE (the local provider) returns the environment as it is", () => {
    const env = { ...CONTRACT, PATH: "/usr/bin" };
    expect(loadAgentEnvFile(env)).toBe(env);
  });

  it("reads the contract Daytona uploaded, deletes the file, and keeps the variable itself out of the result", () => {
    const file = path.join(dir, "agent-env.json");
    fs.writeFileSync(file, buildAgentEnvFile({ ...CONTRACT, PATH: "/ignored", HOME: "/ignored" }), { mode: 0o600 });
    const env = loadAgentEnvFile({ NODE_ENV: "production" as const, PATH: "/usr/bin", HOME: "/home/daytona", OMOIOS_ENV_FILE: file });
    expect(fs.existsSync(file)).toBe(false);
    expect(env).toEqual({ ...CONTRACT, NODE_ENV: "production", PATH: "/usr/bin", HOME: "/home/daytona" });
    expect(readSandboxEnv(env)).toMatchObject(CONTRACT);
    expect(process.env.OMOIOS_SANDBOX_TOKEN).toBeUndefined();
  });

  it("refuses a missing or malformed file with a message naming it, and deletes a malformed one", () => {
    expect(() => loadAgentEnvFile({ OMOIOS_ENV_FILE: path.join(dir, "missing.json") })).toThrow(/cannot read the env file .*missing\.json: ENOENT/);
    for (const [name, content, message] of [
      ["broken.json", "{not json", /is not JSON/],
      ["array.json", "[1]", /is not an object of strings/],
      ["number.json", '{"A": 1}', /is not an object of strings/],
    ] as const) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      expect(() => loadAgentEnvFile({ OMOIOS_ENV_FILE: file })).toThrow(message);
      expect(fs.existsSync(file)).toBe(false);
    }
  });

  it("is what `omoi agent` (the built bundle) starts with: the contract comes from the file, which is gone after", () => {
    const file = path.join(dir, "bundle-env.json");
    // Complete but for WORKSPACE_PATH, so the agent stops right after reading its contract.
    const { WORKSPACE_PATH: _workspace, ...incomplete } = CONTRACT;
    fs.writeFileSync(file, buildAgentEnvFile(incomplete), { mode: 0o600 });
    const result = spawnSync(process.execPath, [inject("agentBundlePath"), "agent"], {
      env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: dir, OMOIOS_ENV_FILE: file },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the agent's environment is incomplete:\n {2}WORKSPACE_PATH: /);
    expect(result.stderr).not.toMatch(/OMOIOS_SANDBOX_TOKEN|OMOIOS_API_URL|OMOIOS_SANDBOX_ID/);
    expect(fs.existsSync(file)).toBe(false);
  });
});
