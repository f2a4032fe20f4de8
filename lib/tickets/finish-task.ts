import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import type { EventData } from "@/lib/events/event-schemas";
import { log } from "@/lib/log";
import { getSandboxProvider, refOf } from "@/lib/sandbox/get-sandbox-provider";
import { recoverTask } from "@/lib/sandbox/recover-task";
import { advanceTicket } from "@/lib/tickets/advance-ticket";
import { enqueueDispatch } from "@/lib/tickets/enqueue-dispatch";
import { openPullRequest } from "@/lib/tickets/open-pull-request";
import { updateSpecExecution } from "@/lib/tickets/update-spec-execution";

/**
 * After a task's agent reported its work accepted (commits, clean tree, tests passing): the app pushes the branch to
 * the project's repository with its own credentials, opens a pull request when GitHub is configured, and records the
 * result — task completed, ticket done, the spec task completed, the spec's acceptance criteria marked met from the
 * verdicts, the spec's progress (and completion). A push or API failure sends the task back for another attempt.
 */
export async function finishTask({ taskId, sandboxId }: { taskId: string; sandboxId: string }) {
  const task = await db.task.findUnique({
    where: { id: taskId },
    include: { ticket: { include: { project: { select: { repoUrl: true, defaultBranch: true } } } } },
  });
  if (!task || task.status !== "running" || task.sandboxId !== sandboxId) return { finished: false };
  const event = await db.sandboxEvent.findFirst({ where: { sandboxId, type: "task.completed" }, orderBy: { seq: "desc" } });
  const report = (event?.data ?? {}) as EventData<"task.completed">;
  const branch = report.branch ?? task.branch ?? `omoi/${task.ticket.key}`;
  const { ticket } = task;

  let pr: { url: string; number: number } | null = null;
  try {
    if (ticket.project.repoUrl) {
      const sandbox = await db.sandbox.findUniqueOrThrow({ where: { id: sandboxId } });
      const ref = refOf(sandbox);
      if (!ref) throw new Error("the sandbox has no workspace to push from");
      await getSandboxProvider(sandbox.provider).pushBranch(ref, { branch, remoteUrl: ticket.project.repoUrl });
      pr = await openPullRequest({
        repoUrl: ticket.project.repoUrl,
        head: branch,
        base: ticket.project.defaultBranch,
        title: `${ticket.key}: ${ticket.title}`,
        body: `${report.summary ?? ""}\n\n${(report.verdicts ?? []).map((v) => `- [${v.met ? "x" : " "}] ${v.criterion} — ${v.evidence}`).join("\n")}`.trim(),
      });
    }
  } catch (error) {
    const reason = `could not deliver the work: ${(error as Error).message}`.slice(0, 4000);
    log.warn("task delivery failed", { taskId, error: reason });
    await recoverTask({ taskId, sandboxId, reason });
    return { finished: false };
  }

  const finished = await db.$transaction(async (tx) => {
    const { count } = await tx.task.updateMany({
      where: { id: taskId, status: "running", sandboxId },
      data: { status: "completed", completedAt: new Date(), branch, prUrl: pr?.url ?? null, result: report as object, sandboxId: null, error: null },
    });
    if (count === 0) return false;
    await advanceTicket(ticket.id, "done", tx);
    await tx.ticket.update({ where: { id: ticket.id }, data: { isBlocked: false, blockedReason: null } });
    if (task.specTaskId) {
      await tx.specTask.update({ where: { id: task.specTaskId }, data: { status: "completed" } });
      for (const verdict of report.verdicts ?? []) {
        if (!verdict.criterionId || !verdict.met) continue;
        await tx.specAcceptanceCriterion.updateMany({
          where: { id: verdict.criterionId, requirement: { specId: ticket.specId ?? "" } },
          data: { met: true, evidence: verdict.evidence },
        });
      }
    }
    return true;
  });
  if (!finished) return { finished: false };
  if (pr) await appendWorkerEvent({ sandboxId, specId: ticket.specId, taskId }, "task.pr_opened", pr);
  if (ticket.specId) await updateSpecExecution(ticket.specId);
  await enqueueDispatch();
  return { finished: true, prUrl: pr?.url ?? null };
}
