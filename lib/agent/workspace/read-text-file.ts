import fs from "node:fs/promises";
import { ToolError } from "@/lib/agent/agent-tool";

/** Larger files are refused outright: reading them would only be truncated, and grep serves them better. */
export const MAX_TEXT_FILE_BYTES = 5_000_000;

/** A workspace file's text, with the refusals the model should see (directory, too large, binary). */
export async function readTextFile(absolute: string, relative: string): Promise<string> {
  let stat;
  try {
    stat = await fs.stat(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ToolError(`File not found: ${relative}`);
    throw error;
  }
  if (stat.isDirectory()) throw new ToolError(`${relative} is a directory; use list_dir to see its entries.`);
  if (stat.size > MAX_TEXT_FILE_BYTES) {
    throw new ToolError(`${relative} is ${stat.size} bytes, more than this tool reads; use grep to find what you need.`);
  }
  const buffer = await fs.readFile(absolute);
  if (buffer.subarray(0, 8000).includes(0)) throw new ToolError(`${relative} is a binary file (${stat.size} bytes).`);
  return buffer.toString("utf8");
}
