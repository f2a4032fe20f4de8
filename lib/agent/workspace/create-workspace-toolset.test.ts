import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentTool } from "@/lib/agent/agent-tool";
import { executeTool } from "@/lib/agent/execute-tool";
import { toAnthropicTool } from "@/lib/agent/to-anthropic-tool";
import { createWorkspaceToolset, type WorkspaceToolset } from "@/lib/agent/workspace/create-workspace-toolset";
import { createTempGitRepo, type TempGitRepo } from "@/lib/agent/workspace/temp-git-repo.test-support";

const GREET = `export function greet(name: string) {
  return "Hello, " + name;
}

export function farewell(name: string) {
  return "Bye, " + name;
}
`;

let repo: TempGitRepo;
let toolset: WorkspaceToolset;

beforeAll(() => {
  repo = createTempGitRepo({
    "README.md": "# Demo project\n\nGreets people.\n",
    "src/greet.ts": GREET,
    "src/util/strings.ts": "export const upper = (s: string) => s.toUpperCase();\n",
    "docs/notes.md": "TODO: nothing yet\n",
    ".gitignore": "ignored/\n",
    "ignored/hidden.ts": "export const hidden = 'needle';\n",
  });
  fs.symlinkSync("../outside", path.join(repo.root, "escape"));
  toolset = createWorkspaceToolset({ root: repo.root, mode: "implementation" });
});
afterAll(async () => {
  await toolset.dispose();
  repo.cleanup();
});

function tool(name: string, set: WorkspaceToolset = toolset): AgentTool {
  const found = set.tools.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return found;
}
const call = (name: string, input: unknown, set?: WorkspaceToolset) => executeTool(tool(name, set), input);
const fileText = (relative: string) => fs.readFileSync(path.join(repo.root, relative), "utf8");

describe("tool definitions", () => {
  it("generates an Anthropic input_schema from each tool's zod schema", () => {
    const definitions = toolset.tools.map(toAnthropicTool);
    expect(definitions.map((definition) => definition.name)).toEqual([
      "list_dir",
      "read_file",
      "glob",
      "grep",
      "write_file",
      "edit_file",
      "run_command",
    ]);
    const edit = definitions.find((definition) => definition.name === "edit_file")!;
    expect(edit.input_schema).toMatchObject({
      type: "object",
      required: ["path", "old_string", "new_string"],
      properties: { replace_all: { type: "boolean", default: false } },
    });
    expect(edit.input_schema).not.toHaveProperty("$schema");
  });

  it("answers invalid input with an is_error result instead of throwing", async () => {
    await expect(call("read_file", { start_line: 2 })).resolves.toMatchObject({ is_error: true, content: /Invalid input for read_file/ });
    await expect(call("edit_file", "not an object")).resolves.toMatchObject({ is_error: true });
  });
});

describe("read_file", () => {
  it("returns numbered lines, and only the requested range", async () => {
    const whole = await call("read_file", { path: "src/greet.ts" });
    expect(whole.is_error).toBe(false);
    expect(whole.content.split("\n")[0]).toBe('     1\texport function greet(name: string) {');

    const range = await call("read_file", { path: "src/greet.ts", start_line: 5, end_line: 6 });
    expect(range.content).toBe(
      '     5\texport function farewell(name: string) {\n     6\t  return "Bye, " + name;\n[lines 5-6 of 7]',
    );
  });

  it("refuses a range past the end and cuts long files with a note on how to continue", async () => {
    await expect(call("read_file", { path: "src/greet.ts", start_line: 50 })).resolves.toMatchObject({
      is_error: true,
      content: /past the end of src\/greet.ts \(7 lines\)/,
    });
    const small = createWorkspaceToolset({ root: repo.root, mode: "exploration", maxReadChars: 60 });
    const cut = await call("read_file", { path: "src/greet.ts" }, small);
    expect(cut.content).toMatch(/\[showing lines 1-1 of 7; call read_file with start_line=2 to continue\]$/);
  });

  it("refuses paths outside the workspace", async () => {
    for (const bad of ["../../etc/passwd", "/etc/passwd", "escape/secret.txt", "../outside/secret.txt"]) {
      const outcome = await call("read_file", { path: bad });
      expect(outcome.is_error).toBe(true);
      expect(outcome.content).toMatch(/Refused/);
      expect(outcome.content).not.toContain("TOP-SECRET");
    }
  });
});

describe("edit_file", () => {
  it("replaces a unique string on disk", async () => {
    const outcome = await call("edit_file", { path: "src/greet.ts", old_string: '"Bye, "', new_string: '"Goodbye, $&"' });
    expect(outcome).toEqual({ is_error: false, content: "Edited src/greet.ts: replaced 1 occurrence." });
    expect(fileText("src/greet.ts")).toContain('return "Goodbye, $&" + name;');
  });

  it("says clearly when the string is absent", async () => {
    const outcome = await call("edit_file", { path: "src/greet.ts", old_string: "return 'nope'", new_string: "x" });
    expect(outcome.is_error).toBe(true);
    expect(outcome.content).toMatch(/^old_string was not found in src\/greet.ts/);
  });

  it("refuses an ambiguous string unless replace_all is set", async () => {
    const before = fileText("src/greet.ts");
    const outcome = await call("edit_file", { path: "src/greet.ts", old_string: "(name: string)", new_string: "(who: string)" });
    expect(outcome.is_error).toBe(true);
    expect(outcome.content).toMatch(/occurs 2 times in src\/greet.ts/);
    expect(fileText("src/greet.ts")).toBe(before);

    const all = await call("edit_file", { path: "src/greet.ts", old_string: "name", new_string: "who", replace_all: true });
    expect(all.content).toBe("Edited src/greet.ts: replaced 4 occurrences.");
    expect(fileText("src/greet.ts")).not.toContain("name");
  });
});

describe("write_file", () => {
  it("creates files and missing directories", async () => {
    const outcome = await call("write_file", { path: "src/new/deep/file.ts", content: "export {};\n" });
    expect(outcome).toEqual({ is_error: false, content: "Created src/new/deep/file.ts (11 bytes, 1 lines)." });
    expect(fileText("src/new/deep/file.ts")).toBe("export {};\n");
  });

  it("refuses .git, traversal and writes through an escaping symlink", async () => {
    for (const bad of [".git/config", "../outside/pwned.txt", "escape/pwned.txt", "/tmp/pwned-by-agent.txt"]) {
      const outcome = await call("write_file", { path: bad, content: "pwned" });
      expect(outcome.is_error).toBe(true);
    }
    expect(fs.existsSync(path.join(repo.outside, "pwned.txt"))).toBe(false);
    expect(fs.existsSync("/tmp/pwned-by-agent.txt")).toBe(false);
    expect(fileText(".git/config")).not.toContain("pwned");
  });
});

describe("grep", () => {
  it("finds text with git grep, including untracked files, and skips ignored ones", async () => {
    fs.writeFileSync(path.join(repo.root, "src/untracked.ts"), "const needle = 42;\n");
    const outcome = await call("grep", { pattern: "needle" });
    expect(outcome.content).toBe("src/untracked.ts:1:const needle = 42;");

    const regex = await call("grep", { pattern: "export\\s+const\\s+\\w+", glob: "*.ts" });
    expect(regex.content).toContain("src/util/strings.ts:1:export const upper");
    const scoped = await call("grep", { pattern: "DEMO PROJECT", path: ".", ignore_case: true, glob: "*.md" });
    expect(scoped.content).toBe("README.md:1:# Demo project");
  });

  it("caps the number of results", async () => {
    fs.writeFileSync(path.join(repo.root, "many.txt"), Array.from({ length: 50 }, (_, i) => `match ${i}`).join("\n"));
    const outcome = await call("grep", { pattern: "^match", max_results: 5 });
    expect(outcome.content.split("\n")).toHaveLength(6);
    expect(outcome.content).toMatch(/showing the first 5 matches/);
  });

  it("searches a directory that is not a git repository with a bounded walk", async () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-plain-"));
    try {
      fs.mkdirSync(path.join(plain, "lib"));
      fs.writeFileSync(path.join(plain, "lib/a.js"), "one\nfind me here\n");
      fs.writeFileSync(path.join(plain, "b.bin"), Buffer.from([0, 1, 2, 102, 105, 110, 100]));
      const set = createWorkspaceToolset({ root: plain, mode: "exploration" });
      await expect(call("grep", { pattern: "find me" }, set)).resolves.toEqual({ is_error: false, content: "lib/a.js:2:find me here" });
      await expect(call("grep", { pattern: "([" }, set)).resolves.toMatchObject({ is_error: true, content: /Invalid regular expression/ });
      await expect(call("glob", { pattern: "**/*.js" }, set)).resolves.toMatchObject({ content: "lib/a.js" });
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe("glob and list_dir", () => {
  it("matches paths with ** and braces, leaving out ignored files", async () => {
    const outcome = await call("glob", { pattern: "**/*.{ts,md}" });
    const files = outcome.content.split("\n");
    expect(files).toEqual(expect.arrayContaining(["README.md", "docs/notes.md", "src/greet.ts", "src/util/strings.ts"]));
    expect(files).not.toContain("ignored/hidden.ts");
    await expect(call("glob", { pattern: "*.ts", path: "src/util" })).resolves.toMatchObject({ content: "src/util/strings.ts" });
  });

  it("lists a directory with directory markers and symlink targets", async () => {
    const outcome = await call("list_dir", {});
    const lines = outcome.content.split("\n");
    expect(lines).toEqual(expect.arrayContaining(["README.md", "src/", ".git/", "escape -> ../outside"]));
    expect(lines.some((line) => line.startsWith(".git/") && line !== ".git/")).toBe(false);
    const deep = await call("list_dir", { path: "src", depth: 2 });
    expect(deep.content.split("\n")).toEqual(expect.arrayContaining(["src/util/", "src/util/strings.ts"]));
  });
});

describe("exploration mode", () => {
  it("has no write tools, and run_command only runs allowlisted read-only commands", async () => {
    const explore = createWorkspaceToolset({ root: repo.root, mode: "exploration" });
    try {
      expect(explore.tools.map((candidate) => candidate.name)).toEqual(["list_dir", "read_file", "glob", "grep", "run_command"]);

      await expect(call("run_command", { command: "git log --oneline" }, explore)).resolves.toMatchObject({
        is_error: false,
        content: /initial commit\n\[exit code 0\]$/,
      });
      await expect(call("run_command", { command: "cat 'README.md'" }, explore)).resolves.toMatchObject({ content: /# Demo project/ });

      for (const command of [
        "rm -rf src",
        "ls; rm README.md",
        "cat README.md > copy.md",
        "echo $ANTHROPIC_API_KEY",
        "cat ../outside/secret.txt",
        "cat escape/secret.txt",
        "ls ~",
        "git checkout -b x",
        "git -c core.pager=sh log",
        "git diff --output=pwned.txt",
        "find . -delete",
        "cat $(echo README.md)",
        "ls src/*",
      ]) {
        const outcome = await call("run_command", { command }, explore);
        expect(outcome, command).toMatchObject({ is_error: true, content: /^Refused in exploration mode/ });
      }
      expect(fileText("README.md")).toContain("Demo project");
      expect(fs.existsSync(path.join(repo.root, "pwned.txt"))).toBe(false);
    } finally {
      await explore.dispose();
    }
  });
});
