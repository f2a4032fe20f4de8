import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import type { EventData } from "@/lib/events/event-schemas";
import { enqueueDispatch } from "@/lib/jobs/enqueue-dispatch";
import { log } from "@/lib/log";
import { pushFromMirror } from "@/lib/repos/push-from-mirror";
import { runGit } from "@/lib/repos/run-git";
import { candidateBranchName } from "@/lib/repos/ticket-branch-name";
import { withMirrorLock } from "@/lib/repos/with-mirror-lock";
import { syncSpecPullRequest } from "@/lib/specs/sync-spec-pull-request";
import { updateSpecExecution } from "@/lib/specs/update-spec-execution";
import { advanceTicket } from "@/lib/tickets/advance-ticket";
import { enqueueIntegration } from "@/lib/integration/accept-delivery";

export interface CompleteIntegrationOptions {
  taskId: string;
  gitDir: string;
  /** The tested candidate (or the spec branch's head itself when the work was already in it). */
  candidate: string;
  merge: "fast_forward" | "merge";
  /** The sandbox that ran the tests, for the events' scope; null when nothing had to run. */
  sandboxId: string | null;
}

/**
 * A candidate passed: the spec branch advances to it by fast-forward — in the mirror under its lock, and in the
 * project's repository with a lease on the head the server last pushed — and the ticket is done. The spec task is
 * completed, its acceptance criteria marked met from the agent's verdicts with evidence naming the integrated commit,
 * the spec's pull request is brought up to date, dependents become runnable, the next accepted work is merged.
 */
export async function completeIntegration({ taskId, gitDir, candidate, merge, sandboxId }: CompleteIntegrationOptions) {
  const task = await db.task.findUniqueOrThrow({
    where: { id: taskId },
    include: { ticket: { include: { project: true, spec: { select: { id: true, branch: true, branchHead: true } } } } },
  });
  const { ticket } = task;
  const spec = ticket.spec;
  if (!spec?.branch || !spec.branchHead || task.integration !== "integrating") return false;
  const branch = spec.branch;
  const previous = spec.branchHead;

  await withMirrorLock(gitDir, async () => {
    if (candidate !== previous) {
      if (ticket.project.repoUrl) {
        await pushFromMirror({ gitDir, repoUrl: ticket.project.repoUrl, defaultBranch: ticket.project.defaultBranch, branch, sha: candidate, expectedSha: previous });
      }
      // Compare-and-swap: only from the head this merge was made on.
      await runGit(["update-ref", `refs/heads/${branch}`, candidate, previous], { gitDir });
    }
    await runGit(["update-ref", "-d", `refs/heads/${candidateBranchName(branch)}`], { gitDir }).catch(() => {});
  });

  const verdicts = ((task.result ?? {}) as EventData<"task.completed">).verdicts ?? [];
  const where = `integrated in ${candidate.slice(0, 12)} on ${branch}`;
  const done = await db.$transaction(async (tx) => {
    const { count } = await tx.task.updateMany({ where: { id: taskId, integration: "integrating" }, data: { integration: "integrated", integratedSha: candidate } });
    if (count === 0) return false;
    await tx.spec.update({ where: { id: spec.id }, data: { branchHead: candidate, testedHead: candidate } });
    await advanceTicket(ticket.id, "done", tx);
    await tx.ticket.update({ where: { id: ticket.id }, data: { isBlocked: false, blockedReason: null } });
    if (task.specTaskId) {
      await tx.specTask.update({ where: { id: task.specTaskId }, data: { status: "completed" } });
      for (const verdict of verdicts) {
        if (!verdict.criterionId || !verdict.met) continue;
        await tx.specAcceptanceCriterion.updateMany({
          where: { id: verdict.criterionId, requirement: { specId: spec.id } },
          data: { met: true, evidence: `${verdict.evidence} (${where})`.slice(0, 4000) },
        });
      }
    }
    return true;
  });
  if (!done) return false;
  const scope = { sandboxId, specId: spec.id, taskId };
  await appendWorkerEvent(scope, "task.integrated", { ticketKey: ticket.key, branch, sha: candidate, merge });
  await updateSpecExecution(spec.id);
  await publishPullRequest(spec.id, scope);
  await enqueueIntegration(spec.id);
  await enqueueDispatch();
  return true;
}

/** The spec's pull request follows its branch; GitHub being down never undoes an integration (the next one retries). */
export async function publishPullRequest(specId: string, scope: { sandboxId: string | null; specId: string; taskId: string | null }) {
  try {
    const pr = await syncSpecPullRequest(specId);
    if (pr) await appendWorkerEvent(scope, "spec.pull_request", pr);
  } catch (error) {
    log.warn("could not update the spec's pull request", { specId, error: (error as Error).message });
  }
}
