import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import type { EventData } from "@/lib/events/event-schemas";
import { enqueueIntegration } from "@/lib/integration/accept-delivery";
import { completeIntegration } from "@/lib/integration/complete-integration";
import { sendBackTask } from "@/lib/integration/send-back-task";
import { ensureMirror } from "@/lib/repos/ensure-mirror";
import { runGit } from "@/lib/repos/run-git";
import { candidateBranchName } from "@/lib/repos/ticket-branch-name";

/** How much of the failing output goes into the agent's prompt: the end, where runners print failures and totals. */
const FEEDBACK_OUTPUT_CHARS = 6_000;

/**
 * An integration sandbox is over: it reported the tests on the candidate (`integration.tests_finished`), or it was
 * lost before it could (`lostReason`). Passed: the spec branch advances to the candidate (completeIntegration).
 * Failed or lost: the candidate is dropped and the ticket goes back to its agent with the output — the work must pass
 * the tests *integrated*, not only on its own branch. Either way the spec's next accepted work is merged next. Only a
 * task still integrating this candidate is touched, so a repeated or late call does nothing.
 */
export async function finishIntegration({ sandboxId, lostReason }: { sandboxId: string; lostReason?: string }) {
  const sandbox = await db.sandbox.findUnique({ where: { id: sandboxId }, select: { purpose: true, taskId: true, specId: true } });
  if (!sandbox || sandbox.purpose !== "integration" || !sandbox.taskId || !sandbox.specId) return { finished: false };
  const task = await db.task.findUnique({ where: { id: sandbox.taskId }, include: { ticket: { include: { project: true, spec: { select: { branch: true } } } } } });
  const candidate = task?.integratedSha;
  if (!task || task.integration !== "integrating" || !candidate || !task.ticket.spec?.branch) return { finished: false };
  const specId = sandbox.specId;
  const branch = task.ticket.spec.branch;
  const gitDir = await ensureMirror(task.ticket.projectId);

  const event = lostReason ? null : await db.sandboxEvent.findFirst({ where: { sandboxId, type: "integration.tests_finished" }, orderBy: { seq: "desc" } });
  const result = (event?.data ?? null) as EventData<"integration.tests_finished"> | null;
  const command = task.ticket.project.testCommand ?? "";
  if (result?.passed) {
    await appendWorkerEvent({ sandboxId, specId, taskId: task.id }, "spec.integration_tests_passed", {
      ticketKey: task.ticket.key,
      command: result.command,
      candidate,
      output: result.output.slice(-4000) || null,
    });
    const merge = (await runGit(["rev-list", "--parents", "-n", "1", candidate], { gitDir })).split(" ").length > 2 ? "merge" : "fast_forward";
    await completeIntegration({ taskId: task.id, gitDir, candidate, merge, sandboxId });
    return { finished: true, passed: true };
  }

  await runGit(["update-ref", "-d", `refs/heads/${candidateBranchName(branch)}`], { gitDir }).catch(() => {});
  const output = result?.output ?? null;
  const reason = result
    ? `The project's tests fail on your work merged into the spec branch ${branch} (\`${result.command}\`, exit ${result.exitCode ?? "none"}${result.timedOut ? ", timed out" : ""}). Bring your branch onto origin/${branch} (rebase), fix what fails, run the tests, commit, and complete again. The end of the output:\n${(output ?? "").slice(-FEEDBACK_OUTPUT_CHARS)}`
    : `The project's tests could not run on your work merged into the spec branch ${branch}: ${lostReason ?? "the integration sandbox ended without a result"}.`;
  const outcome = await sendBackTask({ taskId: task.id, reason });
  await appendWorkerEvent({ sandboxId, specId, taskId: task.id }, "spec.integration_tests_failed", {
    ticketKey: task.ticket.key,
    command: result?.command ?? (command || "(none)"),
    candidate,
    exitCode: result?.exitCode ?? null,
    output: output ? output.slice(-16_000) : (lostReason ?? null),
    sentBack: outcome === "sent_back",
  });
  await enqueueIntegration(specId);
  return { finished: true, passed: false };
}
