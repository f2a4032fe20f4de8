import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env";
import { getIsolationWarning, UNCONFINED_AGENTS_WARNING } from "@/lib/sandbox/get-isolation-warning";

const saved = { SANDBOX_PROVIDER: process.env.SANDBOX_PROVIDER, SANDBOX_ISOLATION: process.env.SANDBOX_ISOLATION };

function withEnv(values: Partial<typeof saved>) {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadEnv();
}

afterEach(() => withEnv(saved));

describe("getIsolationWarning", () => {
  it("warns with local sandboxes run unconfined, and only then", () => {
    withEnv({ SANDBOX_PROVIDER: "local", SANDBOX_ISOLATION: "none" });
    expect(getIsolationWarning()).toBe(UNCONFINED_AGENTS_WARNING);
    expect(UNCONFINED_AGENTS_WARNING).toBe(
      "Agents run unconfined: single-user mode (SANDBOX_ISOLATION=none). Do not let anyone else sign in.",
    );

    withEnv({ SANDBOX_PROVIDER: undefined, SANDBOX_ISOLATION: "none" }); // local is the default
    expect(getIsolationWarning()).toBe(UNCONFINED_AGENTS_WARNING);
    withEnv({ SANDBOX_PROVIDER: "local", SANDBOX_ISOLATION: undefined }); // bwrap is the default
    expect(getIsolationWarning()).toBeNull();
    withEnv({ SANDBOX_PROVIDER: "local", SANDBOX_ISOLATION: "bwrap" });
    expect(getIsolationWarning()).toBeNull();
    withEnv({ SANDBOX_PROVIDER: "daytona", SANDBOX_ISOLATION: "none" });
    expect(getIsolationWarning()).toBeNull();
  });
});
