import { z } from "zod";

/** Every graphile-worker job the app enqueues, with its payload schema (checked again when the job runs). */
export const jobPayloadSchemas = {
  /** Start (or resume from its checkpoint) the agent of a running spec. */
  spawn_spec_sandbox: z.object({ specId: z.string().min(1), reason: z.string().max(500).optional() }),
  /** Claim runnable tasks (dependencies done, project below its concurrency) and start their sandboxes. */
  dispatch_tasks: z.object({}).passthrough(),
  /** Push an accepted task's branch, open its pull request, record the result. */
  finish_task: z.object({ taskId: z.string().min(1), sandboxId: z.string().min(1) }),
  /** Merge the spec's next accepted ticket into its spec branch (a candidate), and run its tests in a sandbox. */
  integrate_spec: z.object({ specId: z.string().min(1) }),
  /** An integration sandbox reported its tests (or was lost): advance the spec branch or send the ticket back. */
  finish_integration: z.object({ sandboxId: z.string().min(1) }),
  /** One reaper pass (lib/sandbox/reap-sandboxes): from the worker's crontab, or booked by the previous pass. */
  reap_sandboxes: z.object({}).passthrough(),
} as const;

export type JobName = keyof typeof jobPayloadSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloadSchemas)[N]>;
