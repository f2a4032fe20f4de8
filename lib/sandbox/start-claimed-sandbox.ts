import { db } from "@/lib/db/client";
import { appendWorkerEvent } from "@/lib/events/append-worker-event";
import { log } from "@/lib/log";
import { checkProjectRepo } from "@/lib/repos/check-project-repo";
import { buildAgentEnv, type AgentEnvInput } from "@/lib/sandbox/build-agent-env";
import { refOf } from "@/lib/sandbox/get-sandbox-provider";
import { issueSandboxToken } from "@/lib/auth/issue-sandbox-token";
import { markSandboxLost } from "@/lib/sandbox/mark-sandbox-lost";
import type { SandboxProvider, SandboxRepo, SandboxStatus } from "@/lib/sandbox/sandbox-provider";
import type { SpecPhaseName } from "@/lib/specs/spec-schemas";

export interface ClaimedSandbox {
  sandboxId: string;
  purpose: "spec" | "task" | "integration";
  projectId: string;
  userId: string;
  specId: string | null;
  taskId: string | null;
  repo: SandboxRepo;
  executionMode: AgentEnvInput["executionMode"];
  specPhase?: SpecPhaseName;
  /** A spec ticket's task: its work starts from (and is merged into) this spec's branch. */
  integrateInto?: string | null;
}

/**
 * Brings a claimed Sandbox row (status `creating`) to a running agent: token, workspace, env contract, process,
 * `running`, a `sandbox.started` event. A failure at any step ends the sandbox as `failed` (its spec or task is
 * recovered like after any loss) and removes what was made. Returns whether the agent runs.
 */
export async function startClaimedSandbox(
  claimed: ClaimedSandbox,
  provider: SandboxProvider,
  onExit?: (sandboxId: string, status: SandboxStatus) => void,
): Promise<boolean> {
  const { sandboxId } = claimed;
  let stage = "preparing the workspace";
  try {
    // Judged again at every clone, not only when the URL was saved (see checkProjectRepo).
    const notAllowed = await checkProjectRepo(claimed.projectId);
    if (notAllowed) throw new Error(`the project's repository may not be used: ${notAllowed}`);
    const { token } = await issueSandboxToken({ sandboxId });
    const ref = await provider.create({ sandboxId, purpose: claimed.purpose, projectId: claimed.projectId, specId: claimed.specId, taskId: claimed.taskId, repo: claimed.repo });
    // A reaper may have given up on us while the clone ran; then this sandbox is not ours to start.
    const stored = await db.sandbox.updateMany({
      where: { id: sandboxId, status: "creating" },
      data: { externalId: ref.externalId, workspacePath: ref.workspacePath, logPath: ref.logPath ?? null, lastHeartbeatAt: new Date() },
    });
    if (stored.count === 0) {
      await provider.destroy(ref).catch(() => {});
      return false;
    }
    stage = "starting the agent";
    const env = buildAgentEnv({
      sandboxId,
      token,
      projectId: claimed.projectId,
      userId: claimed.userId,
      specId: claimed.specId ?? undefined,
      specPhase: claimed.specPhase,
      taskId: claimed.taskId ?? undefined,
      workspacePath: ref.workspacePath,
      executionMode: claimed.executionMode,
    });
    await provider.startAgent(ref, env, onExit ? (status) => onExit(sandboxId, status) : undefined);
    await db.sandbox.updateMany({ where: { id: sandboxId, status: "creating" }, data: { status: "running", startedAt: new Date(), lastHeartbeatAt: new Date() } });
    await appendWorkerEvent({ sandboxId, specId: claimed.specId, taskId: claimed.taskId }, "sandbox.started", {
      provider: provider.name,
      purpose: claimed.purpose,
      ...(claimed.specPhase ? { startPhase: claimed.specPhase } : {}),
    });
    log.info("sandbox started", { sandboxId, purpose: claimed.purpose, specId: claimed.specId, taskId: claimed.taskId, provider: provider.name });
    return true;
  } catch (error) {
    const reason = `could not start the sandbox (${stage}): ${(error as Error).message}`;
    log.warn("sandbox failed to start", { sandboxId, error: reason });
    const row = await db.sandbox.findUnique({ where: { id: sandboxId } });
    const ref = row && refOf(row);
    if (ref) await provider.destroy(ref).catch(() => {});
    await markSandboxLost({ sandboxId, reason, status: "failed" });
    return false;
  }
}
