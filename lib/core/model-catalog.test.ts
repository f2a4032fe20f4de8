import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_AGENT_MODEL, DEPRECATED_MODELS, getModelStatus, listCurrentModels } from "@/lib/core/model-catalog";
import { canonicalModelId, MODEL_PRICING } from "@/lib/core/pricing";
import { sandboxEnvSchema } from "@/lib/sandbox/sandbox-env";
import { reloadEnv } from "@/lib/env";

const require = createRequire(import.meta.url);
// The package's exports map hides internal/, so it is read by path, from the copy the app really runs.
const sdkRoot = path.dirname(require.resolve("@anthropic-ai/sdk"));

/**
 * Every model the pinned SDK warns about: its shared table (internal/data/deprecated-models), loaded as a module,
 * and the copies inlined in the Messages resources that print the warning, parsed from their source.
 */
function sdkDeprecatedModels(): Record<string, string> {
  const shared = (require(path.join(sdkRoot, "internal/data/deprecated-models.js")) as { DEPRECATED_MODELS: Record<string, string> }).DEPRECATED_MODELS;
  const inlined: Record<string, string> = {};
  for (const file of ["resources/messages/messages.js", "resources/beta/messages/messages.js"]) {
    const source = fs.readFileSync(path.join(sdkRoot, file), "utf8");
    const table = /const DEPRECATED_MODELS = \{([^}]*)\}/.exec(source)?.[1];
    expect(table, `the deprecated-models table of ${file}`).toBeDefined();
    for (const [, id, date] of table!.matchAll(/'([^']+)':\s*'([^']+)'/g)) inlined[id!] = date!;
  }
  expect(Object.keys(shared).length).toBeGreaterThan(0);
  return { ...shared, ...inlined };
}

/** The model ids the SDK's `Model` type lists. */
function sdkModels(): string[] {
  const types = fs.readFileSync(path.join(sdkRoot, "resources/messages/messages.d.ts"), "utf8");
  const union = /export type Model = ([^;]*);/.exec(types)?.[1] ?? "";
  return [...union.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

const savedModel = process.env.AGENT_MODEL;
afterEach(() => {
  if (savedModel === undefined) delete process.env.AGENT_MODEL;
  else process.env.AGENT_MODEL = savedModel;
  reloadEnv();
});

describe("the default model", () => {
  it("is not one the pinned SDK marks deprecated, and is a model the SDK knows and the price table prices", () => {
    const deprecated = sdkDeprecatedModels();
    expect(deprecated).toHaveProperty("claude-sonnet-4-5"); // the table was read, not an empty match
    expect(Object.keys(deprecated)).not.toContain(DEFAULT_AGENT_MODEL);
    expect(sdkModels()).toContain(DEFAULT_AGENT_MODEL);
    expect(MODEL_PRICING[DEFAULT_AGENT_MODEL]).toBeDefined();
    expect(getModelStatus(DEFAULT_AGENT_MODEL)).toEqual({ status: "current" });
  });

  it("is what the server's AGENT_MODEL and the sandbox's MODEL default to", () => {
    delete process.env.AGENT_MODEL;
    expect(reloadEnv().AGENT_MODEL).toBe(DEFAULT_AGENT_MODEL);
    const env = sandboxEnvSchema.parse({ OMOIOS_API_URL: "http://x", OMOIOS_SANDBOX_ID: "s", OMOIOS_SANDBOX_TOKEN: "omoisbx_t", WORKSPACE_PATH: "/w" });
    expect(env.MODEL).toBe(DEFAULT_AGENT_MODEL);
  });

  it("knows every model the SDK deprecates, so readiness warns and the proxy does not serve it by default", () => {
    for (const id of Object.keys(sdkDeprecatedModels())) {
      expect(DEPRECATED_MODELS, id).toHaveProperty(canonicalModelId(id));
      expect(getModelStatus(id).status).toBe("deprecated");
    }
    expect(listCurrentModels()).toContain(DEFAULT_AGENT_MODEL);
    expect(listCurrentModels()).not.toContain("claude-sonnet-4-5");
    expect(getModelStatus("claude-sonnet-4-5-20250929")).toEqual({ status: "deprecated", retiresOn: "2026-11-30" });
    expect(getModelStatus("claude-future-9")).toEqual({ status: "unknown" });
  });
});
