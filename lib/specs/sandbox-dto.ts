import type { Sandbox } from "@/lib/generated/prisma/client";

export interface SandboxDto {
  id: string;
  provider: "local" | "daytona";
  purpose: "spec" | "task" | "integration";
  status: "creating" | "running" | "stopped" | "lost" | "failed";
  specId: string | null;
  taskId: string | null;
  startPhase: string | null;
  exitCode: number | null;
  error: string | null;
  lastHeartbeatAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  createdAt: string;
}

/** What a sandbox worked on, as people name it: a spec's planning or a ticket's work, with where to go back to. */
export type SandboxSubject =
  | { kind: "spec"; projectId: string; specId: string; title: string }
  | { kind: "ticket"; projectId: string; ticketId: string; key: string; title: string };

/** A sandbox's page: the row, the (scrubbed) tail of its agent's output, and what it worked on. */
export interface SandboxDetailDto extends SandboxDto {
  logTail: string | null;
  subject: SandboxSubject | null;
}

export function toSandboxDto(sandbox: Sandbox): SandboxDto {
  return {
    id: sandbox.id,
    provider: sandbox.provider,
    purpose: sandbox.purpose,
    status: sandbox.status,
    specId: sandbox.specId,
    taskId: sandbox.taskId,
    startPhase: sandbox.startPhase,
    exitCode: sandbox.exitCode,
    error: sandbox.error,
    lastHeartbeatAt: sandbox.lastHeartbeatAt?.toISOString() ?? null,
    startedAt: sandbox.startedAt?.toISOString() ?? null,
    endedAt: sandbox.endedAt?.toISOString() ?? null,
    createdAt: sandbox.createdAt.toISOString(),
  };
}
