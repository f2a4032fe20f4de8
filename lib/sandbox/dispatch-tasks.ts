import { db } from "@/lib/db/client";
import { isTicketBranch, ticketBranchName } from "@/lib/repos/ticket-branch-name";
import { advanceTicket } from "@/lib/tickets/advance-ticket";
import { getSandboxProvider } from "@/lib/sandbox/get-sandbox-provider";
import { markSandboxLost } from "@/lib/sandbox/mark-sandbox-lost";
import type { SandboxProvider, SandboxRepo, SandboxStatus } from "@/lib/sandbox/sandbox-provider";
import { ensureSpecBranch } from "@/lib/specs/ensure-spec-branch";
import { startClaimedSandbox, type ClaimedSandbox } from "@/lib/sandbox/start-claimed-sandbox";

/**
 * Where a spec ticket's workspace is cloned from: the spec branch, from the project's mirror for local sandboxes (it
 * holds every branch the server made, also for a project without a repository) or from the project's repository for
 * remote ones (the server pushed the branch there). A remote sandbox of a project without a repository has nowhere
 * to clone from and starts empty, as before.
 */
async function specTicketRepo(sandbox: ClaimedSandbox, provider: SandboxProvider): Promise<SandboxRepo> {
  const { branch, gitDir } = await ensureSpecBranch(sandbox.integrateInto!);
  if (provider.name === "local") return { url: gitDir, branch, originUrl: sandbox.repo.url };
  return sandbox.repo.url ? { url: sandbox.repo.url, branch } : sandbox.repo;
}

interface Candidate {
  taskId: string;
  ticketId: string;
  projectId: string;
  maxConcurrentTasks: number;
  running: number;
}

/**
 * Claims every runnable task and starts its sandbox. Runnable: queued (auto-execute, or a person pressed Run), every
 * ticket it depends on done, and its project below `maxConcurrentTasks` running tasks. The claim is one transaction
 * under a lock that all dispatchers share, so no two workers start the same task or overshoot a project's limit.
 */
export async function dispatchTasks({ provider = getSandboxProvider(), onExit }: { provider?: SandboxProvider; onExit?: (sandboxId: string, status: SandboxStatus) => void } = {}) {
  const claimed = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('omoi-dispatch', 0))`;
    const candidates = await tx.$queryRaw<Candidate[]>`
      SELECT t.id AS "taskId", tk.id AS "ticketId", tk."projectId", p."maxConcurrentTasks",
             (SELECT count(*)::int FROM "Task" r JOIN "Ticket" rt ON rt.id = r."ticketId"
               WHERE rt."projectId" = tk."projectId" AND r.status = 'running') AS running
      FROM "Task" t
      JOIN "Ticket" tk ON tk.id = t."ticketId"
      JOIN "Project" p ON p.id = tk."projectId"
      WHERE t.status = 'queued'
        AND NOT EXISTS (
          SELECT 1 FROM "TicketDependency" d JOIN "Ticket" dep ON dep.id = d."dependsOnId"
          WHERE d."ticketId" = tk.id AND dep.status <> 'done')
      ORDER BY t."queuedAt" NULLS LAST, t."createdAt"
      LIMIT 200`;
    const taken = new Map<string, number>();
    const chosen = candidates.filter((c) => {
      const used = c.running + (taken.get(c.projectId) ?? 0);
      if (used >= c.maxConcurrentTasks) return false;
      taken.set(c.projectId, (taken.get(c.projectId) ?? 0) + 1);
      return true;
    });
    const result: ClaimedSandbox[] = [];
    for (const c of chosen) {
      const task = await tx.task.findUniqueOrThrow({
        where: { id: c.taskId },
        include: { ticket: { include: { project: { select: { id: true, name: true, repoUrl: true, defaultBranch: true } } } } },
      });
      // Named by the server, and kept across attempts (a project renamed meanwhile does not move the ticket's work).
      const { project } = task.ticket;
      const branch = isTicketBranch(task.branch, project, task.ticket.key) ? task.branch : ticketBranchName(project, task.ticket.key);
      const sandbox = await tx.sandbox.create({
        data: { provider: provider.name, purpose: "task", taskId: task.id, specId: task.ticket.specId, status: "creating", lastHeartbeatAt: new Date() },
        select: { id: true },
      });
      await tx.task.update({
        where: { id: task.id },
        data: { status: "running", attempt: { increment: 1 }, sandboxId: sandbox.id, startedAt: new Date(), branch, error: null },
      });
      await advanceTicket(task.ticketId, "analyzing", tx);
      await tx.ticket.update({ where: { id: task.ticketId }, data: { isBlocked: false, blockedReason: null } });
      result.push({
        sandboxId: sandbox.id,
        purpose: "task",
        projectId: task.ticket.projectId,
        userId: task.ticket.userId,
        specId: task.ticket.specId,
        taskId: task.id,
        repo: { url: task.ticket.project.repoUrl, branch: task.ticket.project.defaultBranch },
        executionMode: "implementation",
        integrateInto: task.specTaskId && task.ticket.specId ? task.ticket.specId : null,
      });
    }
    return result;
  });
  const started: string[] = [];
  for (const sandbox of claimed) {
    // A spec's ticket starts from its spec branch: the merged work of every ticket done before it.
    const repo = sandbox.integrateInto ? await specTicketRepo(sandbox, provider).catch((error: Error) => error) : sandbox.repo;
    if (repo instanceof Error) {
      await markSandboxLost({ sandboxId: sandbox.sandboxId, reason: `could not prepare the spec branch: ${repo.message}`, status: "failed" });
      continue;
    }
    if (await startClaimedSandbox({ ...sandbox, repo }, provider, onExit)) started.push(sandbox.sandboxId);
  }
  return { claimed: claimed.length, started };
}
