import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import type { EventData } from "@/lib/events/event-schemas";
import { log } from "@/lib/log";
import { acceptDelivery } from "@/lib/integration/accept-delivery";
import { deliverTicketBranch, type Delivery } from "@/lib/repos/deliver-ticket-branch";
import { ensureMirror } from "@/lib/repos/ensure-mirror";
import { isTicketBranch, ticketBranchName } from "@/lib/repos/ticket-branch-name";
import { getSandboxProvider, refOf } from "@/lib/sandbox/get-sandbox-provider";
import { recoverTask } from "@/lib/sandbox/recover-task";
import { advanceTicket } from "@/lib/tickets/advance-ticket";
import { enqueueDispatch } from "@/lib/jobs/enqueue-dispatch";
import { openPullRequest } from "@/lib/tickets/open-pull-request";
import { updateSpecExecution } from "@/lib/specs/update-spec-execution";

/**
 * After a task's agent reported its work accepted: the server delivers it under its own rules (deliverTicketBranch —
 * the branch it named, exported from the sandbox into the project's mirror, checked for new commits, pushed with a
 * lease to the repository stored in the database), opens a pull request when GitHub is configured, and records the
 * result — task completed, ticket done, the spec task completed, the spec's acceptance criteria marked met from the
 * verdicts, the spec's progress (and completion). A spec ticket's work is compared with its spec branch instead and
 * goes on to review or integration (acceptDelivery); it is done only once merged. Any refusal or failure sends the task
 * back for another attempt.
 * The agent's report supplies words (summary, verdicts), never what is pushed where.
 */
export async function finishTask({ taskId, sandboxId }: { taskId: string; sandboxId: string }) {
  const task = await db.task.findUnique({
    where: { id: taskId },
    include: {
      ticket: {
        include: {
          project: { select: { id: true, name: true, repoUrl: true, defaultBranch: true } },
          tasks: { select: { pushedShas: true } },
          spec: { select: { id: true, branch: true, branchHead: true, reviewMode: true } },
        },
      },
    },
  });
  if (!task || task.status !== "running" || task.sandboxId !== sandboxId) return { finished: false };
  const event = await db.sandboxEvent.findFirst({ where: { sandboxId, type: "task.completed" }, orderBy: { seq: "desc" } });
  const report = (event?.data ?? {}) as EventData<"task.completed">;
  const { ticket } = task;
  const { project } = ticket;
  const branch = isTicketBranch(task.branch, project, ticket.key) ? task.branch : ticketBranchName(project, ticket.key);
  if (report.branch && report.branch !== branch) {
    log.warn("an agent reported another branch than its ticket's; ignored", { taskId, ticketKey: ticket.key, claimed: report.branch, branch });
  }

  // A spec ticket's work is compared with, and later merged into, its spec branch; its pull request is the spec's.
  const spec = task.specTaskId && ticket.spec?.branch && ticket.spec.branchHead ? { ...ticket.spec, branch: ticket.spec.branch, branchHead: ticket.spec.branchHead } : null;
  let delivery: Delivery;
  let pr: { url: string; number: number } | null = null;
  try {
    const sandbox = await db.sandbox.findUniqueOrThrow({ where: { id: sandboxId } });
    const ref = refOf(sandbox);
    if (!ref) throw new Error("the sandbox has no workspace to export from");
    const provider = getSandboxProvider(sandbox.provider);
    delivery = await deliverTicketBranch({
      project,
      branch,
      ownedShas: ticket.tasks.flatMap((t) => t.pushedShas),
      exportBranch: (name, intoGitDir, intoRef) => provider.exportBranch(ref, name, intoGitDir, intoRef),
      recordPush: async (sha) => {
        await db.task.update({ where: { id: taskId }, data: { pushedShas: { push: sha } } });
      },
      baseCommit: spec?.branchHead,
    });
    await warnIfRepositoryShared(project);
    if (project.repoUrl && !spec) {
      pr = await openPullRequest({
        repoUrl: project.repoUrl,
        head: branch,
        base: project.defaultBranch,
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

  // What was delivered is the server's finding; the agent's own claims (branch, commit count) are kept beside it.
  const result = { ...report, delivered: { branch: delivery.branch, sha: delivery.sha, base: delivery.base, commits: delivery.commits } };
  if (spec) {
    const accepted = await acceptDelivery({
      taskId,
      sandboxId,
      gitDir: await ensureMirror(project.id),
      branch,
      sha: delivery.sha,
      specId: spec.id,
      specHead: spec.branchHead,
      reviewMode: spec.reviewMode,
      result,
    });
    return accepted ? { finished: true, prUrl: null, branch, sha: delivery.sha } : { finished: false };
  }
  const finished = await db.$transaction(async (tx) => {
    const { count } = await tx.task.updateMany({
      where: { id: taskId, status: "running", sandboxId },
      data: { status: "completed", completedAt: new Date(), branch, prUrl: pr?.url ?? null, result, sandboxId: null, error: null },
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
  return { finished: true, prUrl: pr?.url ?? null, branch, sha: delivery.sha };
}

/**
 * Branches are namespaced per project, so projects sharing a repository cannot overwrite each other's work; but their
 * owners probably do not know they share it. Said in the log at each delivery until the readiness check says it too.
 */
async function warnIfRepositoryShared(project: { id: string; repoUrl: string | null }) {
  if (!project.repoUrl) return;
  const others = await db.project.count({ where: { repoUrl: project.repoUrl, id: { not: project.id } } });
  if (others > 0) log.warn("several projects deliver to one repository", { projectId: project.id, otherProjects: others });
}
