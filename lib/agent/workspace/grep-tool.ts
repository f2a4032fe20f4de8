import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { defineTool, ToolError } from "@/lib/agent/agent-tool";
import { compileGlob, expandBraces } from "@/lib/agent/workspace/compile-glob";
import { isGitWorkTree } from "@/lib/agent/workspace/is-git-work-tree";
import { listWorkspaceFiles } from "@/lib/agent/workspace/list-workspace-files";
import { resolveInWorkspace } from "@/lib/agent/workspace/resolve-in-workspace";
import { runGit } from "@/lib/agent/workspace/run-git";
import type { WorkspaceSettings } from "@/lib/agent/workspace/workspace-settings";

const MAX_LINE_CHARS = 300;
/** Bounds of the search without git: files looked at, and the size of one file. */
const WALK_MAX_FILES = 20_000;
const WALK_MAX_FILE_BYTES = 1_000_000;

const inputSchema = z.object({
  pattern: z.string().min(1).describe("Regular expression (Perl/JavaScript syntax), e.g. 'function\\s+\\w+Tool'."),
  path: z.string().default(".").describe("File or directory to search, relative to the workspace root."),
  glob: z.string().optional().describe("Only files matching this glob; without a '/' it is matched against file names, e.g. '*.{ts,tsx}'."),
  ignore_case: z.boolean().default(false),
  max_results: z.number().int().min(1).max(500).default(100).describe("Most matching lines to return."),
});
type GrepInput = z.output<typeof inputSchema>;

/** Whether this machine's git understands -P; learnt on first use. */
let gitHasPcre: boolean | undefined;

export function createGrepTool(settings: WorkspaceSettings) {
  return defineTool({
    name: "grep",
    description:
      "Search file contents for a regular expression. Answers `path:line:text` lines, skipping binary files and files " +
      "ignored by .gitignore. Results are capped (max_results, default 100).",
    inputSchema,
    summarize: (input) => `/${input.pattern}/${input.ignore_case ? "i" : ""} in ${input.path}${input.glob ? ` (${input.glob})` : ""}`,
    async run(input, context) {
      const target = await resolveInWorkspace(settings.root, input.path);
      if (!(await fs.stat(target.absolute).catch(() => null))) throw new ToolError(`Not found: ${input.path}`);
      const relative = target.relative.split(path.sep).join("/");

      const matches =
        ((await isGitWorkTree(target.root)) ? await gitGrep(target.root, relative, input, context.signal) : null) ??
        (await walkGrep(target.root, relative, input));
      if (matches.lines.length === 0) return "No matches.";
      const shown = matches.lines.map((line) => (line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line));
      if (matches.capped) shown.push(`[showing the first ${input.max_results} matches; narrow the pattern, path or glob]`);
      return shown.join("\n");
    },
  });
}

interface GrepMatches {
  lines: string[];
  capped: boolean;
}

/** `git grep` over tracked and untracked, not-ignored files; null when git cannot search here. */
async function gitGrep(root: string, relative: string, input: GrepInput, signal?: AbortSignal): Promise<GrepMatches | null> {
  const base = relative === "." ? "" : `${relative}/`;
  const pathspecs = input.glob
    ? expandBraces(input.glob).map((glob) => `:(glob)${glob.includes("/") ? base + glob : `${base}**/${glob}`}`)
    : relative === "."
      ? []
      : [`:(literal)${relative}`];
  const flavors = gitHasPcre === false ? ["-E"] : ["-P", "-E"];
  for (const flavor of flavors) {
    const result = await runGit(
      root,
      ["grep", "-n", "-I", "--no-color", "--untracked", flavor, ...(input.ignore_case ? ["-i"] : []), "-e", input.pattern, "--", ...pathspecs],
      { maxBytes: 1_000_000, signal },
    );
    if (result.code === 0 || result.truncated) {
      if (flavor === "-P") gitHasPcre = true;
      const lines = result.stdout.split("\n").filter(Boolean);
      return { lines: lines.slice(0, input.max_results), capped: lines.length > input.max_results || result.truncated };
    }
    if (result.code === 1) return { lines: [], capped: false };
    if (flavor === "-P" && /PCRE|perl/i.test(result.stderr)) {
      gitHasPcre = false;
      continue;
    }
    if (/dubious ownership|not a git repository/i.test(result.stderr) || result.code === null) return null;
    throw new ToolError(`grep failed: ${result.stderr.trim() || `git exited with ${result.code}`}`);
  }
  return null;
}

/** The search without git: a bounded walk that skips symlinks, binaries and very large files. */
async function walkGrep(root: string, relative: string, input: GrepInput): Promise<GrepMatches> {
  let regex: RegExp;
  try {
    regex = new RegExp(input.pattern, input.ignore_case ? "i" : "");
  } catch (error) {
    throw new ToolError(`Invalid regular expression: ${(error as Error).message}`);
  }
  const stat = await fs.lstat(path.join(root, relative));
  const files = stat.isFile() ? [relative] : (await listWorkspaceFiles(root, relative, WALK_MAX_FILES)).files;
  const included = input.glob ? compileGlob(input.glob, { matchBase: true }) : () => true;
  const lines: string[] = [];
  for (const file of files) {
    if (!included(file)) continue;
    const absolute = path.join(root, file);
    const info = await fs.lstat(absolute).catch(() => null);
    if (!info?.isFile() || info.size > WALK_MAX_FILE_BYTES) continue;
    const buffer = await fs.readFile(absolute);
    if (buffer.subarray(0, 8000).includes(0)) continue;
    const text = buffer.toString("utf8").split("\n");
    for (let i = 0; i < text.length; i++) {
      if (!regex.test(text[i]!)) continue;
      if (lines.length === input.max_results) return { lines, capped: true };
      lines.push(`${file}:${i + 1}:${text[i]}`);
    }
  }
  return { lines, capped: false };
}
