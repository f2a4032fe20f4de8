import { getEnv } from "@/lib/env";
import type { SandboxEnv } from "@/lib/sandbox/sandbox-env";
import type { SpecPhaseName } from "@/lib/specs/spec-schemas";

export interface AgentEnvInput {
  sandboxId: string;
  token: string;
  projectId: string;
  userId: string;
  specId?: string;
  specPhase?: SpecPhaseName;
  taskId?: string;
  workspacePath: string;
  executionMode: "exploration" | "implementation";
}

/** The app's address as a sandbox sees it. */
export function publicApiUrl(): string {
  const env = getEnv();
  return env.OMOIOS_PUBLIC_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
}

/**
 * The whole environment of an agent (DESIGN §5) — built from named values only, never by copying the server's
 * environment, so no server secret (database URL, NEXTAUTH_SECRET, the Anthropic key) can reach a sandbox. The
 * sandbox token is the agent's only credential, scoped to this one sandbox.
 */
export function buildAgentEnv(input: AgentEnvInput): Record<string, string> {
  const env = getEnv();
  const values: Partial<Record<keyof SandboxEnv, string | undefined>> = {
    OMOIOS_API_URL: publicApiUrl(),
    OMOIOS_SANDBOX_ID: input.sandboxId,
    OMOIOS_SANDBOX_TOKEN: input.token,
    OMOIOS_PROJECT_ID: input.projectId,
    OMOIOS_USER_ID: input.userId,
    SPEC_ID: input.specId,
    SPEC_PHASE: input.specPhase,
    TASK_ID: input.taskId,
    EXECUTION_MODE: input.executionMode,
    WORKSPACE_PATH: input.workspacePath,
    MODEL: env.AGENT_MODEL,
    HEARTBEAT_SECONDS: String(env.SANDBOX_HEARTBEAT_SECONDS),
  };
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
