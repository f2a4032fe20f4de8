import type { DaytonaClient } from "@/lib/sandbox/daytona/daytona-client";
import { agentSessionId } from "@/lib/sandbox/daytona/daytona-config";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

/** The last `bytes` of the agent's output, read through the session logs API ("" when no agent runs). */
export async function readDaytonaLogTail(client: DaytonaClient, ref: SandboxRef, bytes: number): Promise<string> {
  try {
    const sandbox = await client.find(ref.externalId);
    if (!sandbox || sandbox.state !== "started") return "";
    const command = await client.agentCommand(sandbox, ref.sandboxId);
    if (!command) return "";
    const logs = await sandbox.process.getSessionCommandLogs(agentSessionId(ref.sandboxId), command.id);
    return tailBytes(logs.output || (logs.stdout ?? "") + (logs.stderr ?? ""), bytes);
  } catch (err) {
    throw client.wrap("logTail", err);
  }
}

/** The last `bytes` of `text`, without a broken UTF-8 sequence at the start. */
function tailBytes(text: string, bytes: number): string {
  const buffer = Buffer.from(text, "utf8");
  if (buffer.length <= bytes) return text;
  let start = buffer.length - Math.max(0, bytes);
  while (start < buffer.length && (buffer[start]! & 0xc0) === 0x80) start++;
  return buffer.subarray(start).toString("utf8");
}
