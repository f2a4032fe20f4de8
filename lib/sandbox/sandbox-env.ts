import { z } from "zod";
import { DEFAULT_AGENT_MODEL } from "@/lib/core/model-catalog";
import { SPEC_PHASES } from "@/lib/core/spec-phases";

/**
 * The environment contract of an agent in a sandbox (DESIGN §5). The sandbox provider sets exactly these; nothing
 * of the server's environment is inherited, so no server secret can be here.
 */
export const sandboxEnvSchema = z.object({
  OMOIOS_API_URL: z.string().url(),
  OMOIOS_SANDBOX_ID: z.string().min(1),
  OMOIOS_SANDBOX_TOKEN: z.string().startsWith("omoisbx_"),
  OMOIOS_PROJECT_ID: z.string().min(1).optional(),
  OMOIOS_USER_ID: z.string().min(1).optional(),
  SPEC_ID: z.string().min(1).optional(),
  /** Phase to start from (spec sandboxes). */
  SPEC_PHASE: z.enum(SPEC_PHASES).optional(),
  TASK_ID: z.string().min(1).optional(),
  EXECUTION_MODE: z.enum(["exploration", "implementation"]).default("exploration"),
  WORKSPACE_PATH: z.string().min(1),
  MODEL: z.string().min(1).default(DEFAULT_AGENT_MODEL),
  /**
   * What to do, for a sandbox started with a plain instruction. Spec sandboxes get their prompts from the spec
   * engine instead; task sandboxes from their ticket.
   */
  AGENT_PROMPT: z.string().min(1).max(100_000).optional(),
  /** Seconds between heartbeats (the reaper's timeout is 60 s). */
  HEARTBEAT_SECONDS: z.coerce.number().positive().max(60).default(15),
  MAX_TURNS: z.coerce.number().int().positive().max(1000).default(60),
  /** Wall-clock limit of the whole run. */
  TIMEOUT_SECONDS: z.coerce.number().positive().default(3600),
});
export type SandboxEnv = z.infer<typeof sandboxEnvSchema>;

/** Parses the contract; the error names every missing or invalid variable. */
export function readSandboxEnv(env: NodeJS.ProcessEnv): SandboxEnv {
  const parsed = sandboxEnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`the agent's environment is incomplete:\n  ${problems.join("\n  ")}`);
}
