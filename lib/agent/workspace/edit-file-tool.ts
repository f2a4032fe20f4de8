import { z } from "zod";
import { defineTool, ToolError } from "@/lib/agent/agent-tool";
import { readTextFile } from "@/lib/agent/workspace/read-text-file";
import { resolveInWorkspace } from "@/lib/agent/workspace/resolve-in-workspace";
import { writeWorkspaceFile } from "@/lib/agent/workspace/write-workspace-file";
import type { WorkspaceSettings } from "@/lib/agent/workspace/workspace-settings";

const inputSchema = z.object({
  path: z.string().describe("File to edit, relative to the workspace root."),
  old_string: z.string().describe("Exact text to replace, including whitespace and indentation (no line-number prefixes)."),
  new_string: z.string().describe("Text to put in its place."),
  replace_all: z.boolean().default(false).describe("Replace every occurrence instead of requiring exactly one."),
});

export function createEditFileTool(settings: WorkspaceSettings) {
  return defineTool({
    name: "edit_file",
    description:
      "Replace an exact string in a file. old_string must occur exactly once (include enough surrounding lines to make it " +
      "unique) unless replace_all is true. Read the file first so the text matches character for character.",
    inputSchema,
    summarize: (input) => (input.replace_all ? `${input.path} (replace all)` : input.path),
    async run(input) {
      if (input.old_string === "") throw new ToolError("old_string is empty; use write_file to create or fill a file.");
      if (input.old_string === input.new_string) throw new ToolError("old_string and new_string are the same; nothing to change.");
      const file = await resolveInWorkspace(settings.root, input.path);
      const text = await readTextFile(file.absolute, file.relative);

      const occurrences = text.split(input.old_string).length - 1;
      if (occurrences === 0) {
        throw new ToolError(
          `old_string was not found in ${file.relative}. It must match the file exactly, including whitespace and ` +
            "indentation; read the file again and copy the text.",
        );
      }
      if (occurrences > 1 && !input.replace_all) {
        throw new ToolError(
          `old_string occurs ${occurrences} times in ${file.relative}; include more surrounding lines to make it unique, ` +
            "or set replace_all to true.",
        );
      }
      // A replacer function, because a string replacement would interpret `$&` and friends in new_string.
      const edited = input.replace_all
        ? text.split(input.old_string).join(input.new_string)
        : text.replace(input.old_string, () => input.new_string);
      await writeWorkspaceFile(file, edited);
      return `Edited ${file.relative}: replaced ${occurrences} occurrence${occurrences === 1 ? "" : "s"}.`;
    },
  });
}
