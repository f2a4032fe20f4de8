import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliHarness, removeHarnessDirs } from "@/test/cli/cli-harness";

afterAll(removeHarnessDirs);

/** The files of docs/omoi-files.md's complete example: each `#### \`.omoi_os/<path>\`` heading and the block after it. */
function exampleFiles(): Record<string, string> {
  const doc = fs.readFileSync(path.resolve("docs/omoi-files.md"), "utf8");
  const files: Record<string, string> = {};
  for (const match of doc.matchAll(/^#### `\.omoi_os\/([^`]+)`\n\n```\w+\n([\s\S]*?)\n```$/gm)) files[match[1]!] = `${match[2]}\n`;
  return files;
}

describe("docs/omoi-files.md", () => {
  it("has a complete example that omoi validate accepts without a warning, with the output the doc shows", async () => {
    const files = exampleFiles();
    expect(Object.keys(files).sort()).toEqual([
      "config.yaml",
      "designs/dark-mode.md",
      "requirements/REQ-THEME-001.md",
      "requirements/REQ-THEME-002.md",
      "spec.md",
      "tasks/TSK-001.md",
      "tasks/TSK-002.md",
      "tickets/TKT-001.md",
      "tickets/TKT-002.md",
    ]);
    const h = cliHarness({});
    for (const [rel, text] of Object.entries(files)) h.write(rel, text);
    const result = await h.run(["validate"]);
    expect(result).toEqual({ code: 0, stderr: "", stdout: expect.any(String) });
    expect(fs.readFileSync(path.resolve("docs/omoi-files.md"), "utf8")).toContain(`$ omoi validate\n${result.stdout}`);
  });
});
