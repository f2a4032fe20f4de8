import { z } from "zod";
import { defineTool, ToolError } from "@/lib/agent/agent-tool";
import { readTextFile } from "@/lib/agent/workspace/read-text-file";
import { resolveInWorkspace } from "@/lib/agent/workspace/resolve-in-workspace";
import type { WorkspaceSettings } from "@/lib/agent/workspace/workspace-settings";

const MAX_LINE_CHARS = 2000;

const inputSchema = z.object({
  path: z.string().describe("File to read, relative to the workspace root."),
  start_line: z.number().int().min(1).optional().describe("First line to return (1-based). Default 1."),
  end_line: z.number().int().min(1).optional().describe("Last line to return (inclusive). Default: end of file."),
});

export function createReadFileTool(settings: WorkspaceSettings) {
  return defineTool({
    name: "read_file",
    description:
      "Read a text file of the workspace, optionally a range of lines. Each line is prefixed with its line number and a tab " +
      "(the prefix is not part of the file: leave it out of edit_file strings). Long files are cut off with a note saying " +
      "which start_line continues them.",
    inputSchema,
    summarize: (input) =>
      input.start_line || input.end_line ? `${input.path} (lines ${input.start_line ?? 1}-${input.end_line ?? "end"})` : input.path,
    async run(input) {
      const file = await resolveInWorkspace(settings.root, input.path);
      const text = await readTextFile(file.absolute, file.relative);
      if (text.length === 0) return `${file.relative} is empty.`;
      const lines = text.split("\n");
      if (lines.at(-1) === "") lines.pop();

      const total = lines.length;
      const start = input.start_line ?? 1;
      const end = Math.min(input.end_line ?? total, total);
      if (start > total) throw new ToolError(`start_line ${start} is past the end of ${file.relative} (${total} lines).`);
      if (end < start) throw new ToolError(`end_line ${input.end_line} is before start_line ${start}.`);

      const out: string[] = [];
      let used = 0;
      let last = start - 1;
      for (let n = start; n <= end; n++) {
        let line = lines[n - 1]!;
        if (line.length > MAX_LINE_CHARS) line = `${line.slice(0, MAX_LINE_CHARS)}… [line cut at ${MAX_LINE_CHARS} characters]`;
        const numbered = `${String(n).padStart(6)}\t${line}`;
        if (used + numbered.length + 1 > settings.maxReadChars && out.length > 0) break;
        out.push(numbered);
        used += numbered.length + 1;
        last = n;
      }
      if (last < end) {
        out.push(`[showing lines ${start}-${last} of ${total}; call read_file with start_line=${last + 1} to continue]`);
      } else if (start > 1 || end < total) {
        out.push(`[lines ${start}-${end} of ${total}]`);
      }
      return out.join("\n");
    },
  });
}
