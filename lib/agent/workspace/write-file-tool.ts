import fs from "node:fs/promises";
import { z } from "zod";
import { defineTool } from "@/lib/agent/agent-tool";
import { resolveInWorkspace } from "@/lib/agent/workspace/resolve-in-workspace";
import { writeWorkspaceFile } from "@/lib/agent/workspace/write-workspace-file";
import type { WorkspaceSettings } from "@/lib/agent/workspace/workspace-settings";

const inputSchema = z.object({
  path: z.string().describe("File to create or overwrite, relative to the workspace root. Missing directories are created."),
  content: z.string().describe("The complete new content of the file."),
});

export function createWriteFileTool(settings: WorkspaceSettings) {
  return defineTool({
    name: "write_file",
    description:
      "Create a file, or replace a file's whole content. To change part of an existing file, use edit_file instead.",
    inputSchema,
    summarize: (input) => `${input.path} (${input.content.length} characters)`,
    async run(input) {
      const file = await resolveInWorkspace(settings.root, input.path);
      const existed = await fs.lstat(file.absolute).then(() => true, () => false);
      await writeWorkspaceFile(file, input.content);
      const lines = input.content === "" ? 0 : input.content.split("\n").length - (input.content.endsWith("\n") ? 1 : 0);
      return `${existed ? "Overwrote" : "Created"} ${file.relative} (${Buffer.byteLength(input.content)} bytes, ${lines} lines).`;
    },
  });
}
