import { getSandboxProvider, refOf } from "@/lib/sandbox/get-sandbox-provider";
import { getSandboxForMemberOrThrow } from "@/lib/sandbox/get-sandbox-for-member-or-throw";
import { LOG_TAIL_MARGIN_BYTES, scrubLogTail } from "@/lib/sandbox/scrub-log-tail";
import { toSandboxDto, type SandboxDto } from "@/lib/specs/sandbox-dto";
import { log } from "@/lib/log";

export const LOG_TAIL_BYTES = 16 * 1024;

/** A sandbox as its project's members see it: state, liveness and the (scrubbed) tail of the agent's output. */
export async function getSandboxDetail({ userId, sandboxId }: { userId: string; sandboxId: string }): Promise<SandboxDto & { logTail: string | null }> {
  const sandbox = await getSandboxForMemberOrThrow({ userId, sandboxId });
  let logTail: string | null = null;
  const ref = refOf(sandbox);
  if (ref) {
    try {
      // Agents print what they see (command output, files, environment): scrubbed like their events are.
      logTail = scrubLogTail(await getSandboxProvider(sandbox.provider).logTail(ref, LOG_TAIL_BYTES + LOG_TAIL_MARGIN_BYTES), LOG_TAIL_BYTES);
    } catch (error) {
      // A provider hiccup must not hide the rest of the sandbox's state.
      log.warn("sandbox log tail unavailable", { sandboxId, error: (error as Error).message });
    }
  }
  return { ...toSandboxDto(sandbox), logTail };
}
