import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { enqueueIntegration } from "@/lib/integration/accept-delivery";
import { completeIntegration } from "@/lib/integration/complete-integration";
import { mergeCandidate } from "@/lib/integration/merge-candidate";
import { sendBackTask } from "@/lib/integration/send-back-task";
import { pushFromMirror } from "@/lib/repos/push-from-mirror";
import { readRemoteBranches } from "@/lib/repos/read-remote-branches";
import { runGit } from "@/lib/repos/run-git";
import { candidateBranchName } from "@/lib/repos/ticket-branch-name";
import { withMirrorLock } from "@/lib/repos/with-mirror-lock";
import { getSandboxProvider } from "@/lib/sandbox/get-sandbox-provider";
import type { SandboxProvider, SandboxRepo, SandboxStatus } from "@/lib/sandbox/sandbox-provider";
import { startClaimedSandbox } from "@/lib/sandbox/start-claimed-sandbox";
import { ensureSpecBranch } from "@/lib/specs/ensure-spec-branch";
import { lockSpec } from "@/lib/specs/spec-state";

/** How long a merge may sit marked "integrating" with no integration sandbox before it counts as abandoned. */
const ABANDONED_AFTER_MS = 5 * 60_000;

export interface IntegrateOptions {
  specId: string;
  provider?: SandboxProvider;
  onExit?: (sandboxId: string, status: SandboxStatus) => void;
}

/**
 * The spec's integration step, one ticket at a time (under the spec's lock, never while another merge of the spec is
 * being tested): the oldest accepted work — whose dependencies are integrated already, or it would not have run — is
 * merged into the spec branch in the server's mirror. A conflict sends the ticket back to its agent with the
 * conflicting files. A clean merge becomes a candidate, and the project's tests run on it in an integration sandbox
 * (the same isolation as any agent); finishIntegration takes it from there. Returns the sandbox started, if any.
 */
export async function integrateNextTask({ specId, provider = getSandboxProvider(), onExit }: IntegrateOptions): Promise<{ sandboxId: string | null }> {
  const task = await db.$transaction(async (tx) => {
    await lockSpec(tx, specId);
    const busy = await tx.task.findFirst({ where: { integration: "integrating", ticket: { specId } }, select: { id: true, updatedAt: true } });
    if (busy) {
      // Under test in a live integration sandbox (whose end finishes it), or just being merged: wait. Marked long ago
      // with no sandbox at all, the worker that marked it died between the two: merge it again.
      const live = await tx.sandbox.count({ where: { taskId: busy.id, purpose: "integration", status: { in: ["creating", "running"] } } });
      if (live > 0 || Date.now() - busy.updatedAt.getTime() < ABANDONED_AFTER_MS) return null;
      await tx.task.update({ where: { id: busy.id }, data: { integration: "queued" } });
    }
    const next = await tx.task.findFirst({ where: { integration: "queued", status: "completed", ticket: { specId } }, orderBy: { completedAt: "asc" } });
    if (!next?.deliveredSha) return null;
    await tx.task.update({ where: { id: next.id }, data: { integration: "integrating" } });
    return { ...next, deliveredSha: next.deliveredSha };
  });
  if (!task) return { sandboxId: null };
  try {
    return await mergeAndTest(task, specId, provider, onExit);
  } catch (error) {
    // Not the work's fault (the repository or the mirror failed us): back in the queue for the job's retry.
    await db.task.updateMany({ where: { id: task.id, integration: "integrating" }, data: { integration: "queued" } });
    throw error;
  }
}

async function mergeAndTest(
  task: { id: string; ticketId: string; deliveredSha: string },
  specId: string,
  provider: SandboxProvider,
  onExit: IntegrateOptions["onExit"],
): Promise<{ sandboxId: string | null }> {
  const ticket = await db.ticket.findUniqueOrThrow({ where: { id: task.ticketId }, include: { project: true } });
  const { gitDir, branch, head } = await ensureSpecBranch(specId);
  const candidateBranch = candidateBranchName(branch);

  const candidate = await withMirrorLock(gitDir, async () => {
    const merged = await mergeCandidate({ gitDir, specHead: head, work: task.deliveredSha, message: `Merge ${ticket.key}: ${ticket.title}\n\nInto ${branch}, by OmoiOS.` });
    if (merged.kind === "merge" || merged.kind === "fast_forward") await runGit(["update-ref", `refs/heads/${candidateBranch}`, merged.sha], { gitDir });
    return merged;
  });

  if (candidate.kind === "conflict") {
    const files = candidate.files.slice(0, 200);
    const reason = [
      `Merging your branch into the spec branch ${branch} conflicts in: ${files.join(", ")}.`,
      `The spec branch moved on since your work started (other tickets were integrated). Rebase your branch onto origin/${branch}`,
      "(git rebase origin/<spec branch>), resolve each conflict keeping both sides' intent, run the tests, commit, and complete again.",
    ].join(" ");
    const outcome = await sendBackTask({ taskId: task.id, reason });
    await appendWorkerEvent({ sandboxId: null, specId, taskId: task.id }, "task.merge_conflict", { ticketKey: ticket.key, branch, files, sentBack: outcome === "sent_back" });
    await enqueueIntegration(specId);
    return { sandboxId: null };
  }
  if (candidate.kind === "contained" || !ticket.project.testCommand) {
    // Nothing new to test (the work was already in the branch), or nothing to test with.
    await completeIntegration({ taskId: task.id, gitDir, candidate: candidate.sha, merge: candidate.kind === "merge" ? "merge" : "fast_forward", sandboxId: null });
    return { sandboxId: null };
  }

  const sandbox = await db.$transaction(async (tx) => {
    await tx.task.update({ where: { id: task.id }, data: { integratedSha: candidate.sha } });
    return tx.sandbox.create({
      data: { provider: provider.name, purpose: "integration", taskId: task.id, specId, status: "creating", lastHeartbeatAt: new Date() },
      select: { id: true },
    });
  });
  const repo = await candidateRepo({ provider, gitDir, candidateBranch, sha: candidate.sha, project: ticket.project });
  await startClaimedSandbox(
    { sandboxId: sandbox.id, purpose: "integration", projectId: ticket.projectId, userId: ticket.userId, specId, taskId: task.id, repo, executionMode: "implementation" },
    provider,
    onExit,
  );
  return { sandboxId: sandbox.id };
}

/**
 * Where the integration sandbox clones the candidate from: the mirror for local sandboxes; for remote ones the
 * project's repository, to which the candidate branch is pushed first (under omoi/, never the default branch).
 */
async function candidateRepo(options: {
  provider: SandboxProvider;
  gitDir: string;
  candidateBranch: string;
  sha: string;
  project: { repoUrl: string | null; defaultBranch: string };
}): Promise<SandboxRepo> {
  const { provider, gitDir, candidateBranch, sha, project } = options;
  if (provider.name === "local" || !project.repoUrl) return { url: gitDir, branch: candidateBranch, originUrl: project.repoUrl };
  await withMirrorLock(gitDir, async () => {
    // A candidate branch left by an earlier merge of this spec is the server's own (omoi/…-candidate): replaced, with
    // a lease on what it holds now.
    const current = (await readRemoteBranches(project.repoUrl!, [candidateBranch])).get(candidateBranch) ?? "";
    await pushFromMirror({ gitDir, repoUrl: project.repoUrl!, defaultBranch: project.defaultBranch, branch: candidateBranch, sha, expectedSha: current });
  });
  return { url: project.repoUrl, branch: candidateBranch };
}
