import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { defineTool, ToolError } from "@/lib/agent/agent-tool";
import { compileGlob } from "@/lib/agent/workspace/compile-glob";
import { listWorkspaceFiles } from "@/lib/agent/workspace/list-workspace-files";
import { resolveInWorkspace } from "@/lib/agent/workspace/resolve-in-workspace";
import type { WorkspaceSettings } from "@/lib/agent/workspace/workspace-settings";

const MAX_RESULTS = 300;
const MAX_SCANNED = 50_000;

const inputSchema = z.object({
  pattern: z.string().min(1).describe("Glob relative to `path`, e.g. '**/*.ts', 'src/*.{js,jsx}', 'README*'."),
  path: z.string().default(".").describe("Directory to search in, relative to the workspace root."),
});

export function createGlobTool(settings: WorkspaceSettings) {
  return defineTool({
    name: "glob",
    description:
      "Find files by name pattern. `*` and `?` stay within one directory, `**` spans directories, `{a,b}` is either. " +
      `Files ignored by .gitignore are left out. Returns root-relative paths, at most ${MAX_RESULTS}.`,
    inputSchema,
    summarize: (input) => (input.path === "." ? input.pattern : `${input.pattern} in ${input.path}`),
    async run(input) {
      const dir = await resolveInWorkspace(settings.root, input.path);
      const stat = await fs.stat(dir.absolute).catch(() => null);
      if (!stat?.isDirectory()) throw new ToolError(`Not a directory: ${input.path}`);
      const prefix = dir.relative === "." ? "" : `${dir.relative.split(path.sep).join("/")}/`;
      const matches = compileGlob(input.pattern);
      const listed = await listWorkspaceFiles(dir.root, dir.relative, MAX_SCANNED);
      const found = listed.files.filter((file) => file.startsWith(prefix) && matches(file.slice(prefix.length))).sort();
      if (found.length === 0) return `No files match ${input.pattern}${listed.truncated ? " (search stopped early)" : ""}.`;
      const shown = found.slice(0, MAX_RESULTS);
      if (found.length > MAX_RESULTS) shown.push(`[${found.length - MAX_RESULTS} more not shown; narrow the pattern]`);
      if (listed.truncated) shown.push(`[stopped after scanning ${MAX_SCANNED} files; search a subdirectory]`);
      return shown.join("\n");
    },
  });
}
