import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { defineTool, ToolError } from "@/lib/agent/agent-tool";
import { resolveInWorkspace } from "@/lib/agent/workspace/resolve-in-workspace";
import type { WorkspaceSettings } from "@/lib/agent/workspace/workspace-settings";

const MAX_ENTRIES = 500;
/** Listed, but not descended into: their contents are noise for the model and can be huge. */
const OPAQUE_DIRECTORIES = new Set([".git", "node_modules"]);

const inputSchema = z.object({
  path: z.string().default(".").describe("Directory to list, relative to the workspace root."),
  depth: z.number().int().min(1).max(4).default(1).describe("Levels to descend; 1 lists only this directory."),
});

export function createListDirTool(settings: WorkspaceSettings) {
  return defineTool({
    name: "list_dir",
    description:
      "List a directory of the workspace. Directories end with '/', symlinks show their target. Paths are relative to the workspace root. " +
      `.git and node_modules are listed but not descended into; at most ${MAX_ENTRIES} entries.`,
    inputSchema,
    summarize: (input) => `${input.path} (depth ${input.depth})`,
    async run(input) {
      const dir = await resolveInWorkspace(settings.root, input.path);
      const stat = await fs.stat(dir.absolute).catch(() => null);
      if (!stat) throw new ToolError(`Directory not found: ${input.path}`);
      if (!stat.isDirectory()) throw new ToolError(`${dir.relative} is a file; use read_file to read it.`);

      const lines: string[] = [];
      let truncated = false;
      const visit = async (absolute: string, depth: number) => {
        const entries = await fs.readdir(absolute, { withFileTypes: true });
        entries.sort((a, b) => a.name.localeCompare(b.name));
        for (const entry of entries) {
          if (lines.length >= MAX_ENTRIES) {
            truncated = true;
            return;
          }
          const full = path.join(absolute, entry.name);
          const shown = path.relative(dir.root, full).split(path.sep).join("/");
          if (entry.isSymbolicLink()) {
            lines.push(`${shown} -> ${await fs.readlink(full).catch(() => "?")}`);
          } else if (entry.isDirectory()) {
            lines.push(`${shown}/`);
            if (depth < input.depth && !OPAQUE_DIRECTORIES.has(entry.name)) await visit(full, depth + 1);
          } else {
            lines.push(shown);
          }
        }
      };
      await visit(dir.absolute, 1);
      if (lines.length === 0) return `${dir.relative} is empty.`;
      if (truncated) lines.push(`[stopped after ${MAX_ENTRIES} entries; list a subdirectory for more]`);
      return lines.join("\n");
    },
  });
}
