import fs from "node:fs";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

/** The last `bytes` of the agent's log file; "" when there is none (yet). */
export async function readLocalLogTail(ref: SandboxRef, bytes: number): Promise<string> {
  if (!ref.logPath) return "";
  try {
    const handle = await fs.promises.open(ref.logPath, "r");
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, bytes);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return buffer.toString("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return "";
  }
}
