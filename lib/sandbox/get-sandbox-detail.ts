import { getSandboxProvider, refOf } from "@/lib/sandbox/get-sandbox-provider";
import { getSandboxForMemberOrThrow } from "@/lib/sandbox/get-sandbox-for-member-or-throw";
import { LOG_TAIL_MARGIN_BYTES, scrubLogTail } from "@/lib/sandbox/scrub-log-tail";
import { db } from "@/lib/db/client";
import { toSandboxDto, type SandboxDetailDto, type SandboxSubject } from "@/lib/specs/sandbox-dto";
import { log } from "@/lib/log";

export const LOG_TAIL_BYTES = 16 * 1024;

/**
 * A sandbox as its project's members see it: state, liveness, the (scrubbed) tail of the agent's output, and what it
 * worked on (the spec or ticket, so the page can be titled by it and link back).
 */
export async function getSandboxDetail({ userId, sandboxId }: { userId: string; sandboxId: string }): Promise<SandboxDetailDto> {
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
  return { ...toSandboxDto(sandbox), logTail, subject: await subjectOf(sandbox) };
}

async function subjectOf(sandbox: { specId: string | null; taskId: string | null }): Promise<SandboxSubject | null> {
  if (sandbox.taskId) {
    const task = await db.task.findUnique({ where: { id: sandbox.taskId }, select: { ticket: { select: { id: true, key: true, title: true, projectId: true } } } });
    if (task) return { kind: "ticket", projectId: task.ticket.projectId, ticketId: task.ticket.id, key: task.ticket.key, title: task.ticket.title };
  }
  if (sandbox.specId) {
    const spec = await db.spec.findUnique({ where: { id: sandbox.specId }, select: { id: true, title: true, projectId: true } });
    if (spec) return { kind: "spec", projectId: spec.projectId, specId: spec.id, title: spec.title };
  }
  return null;
}
