import { z } from "zod";

/** Every graphile-worker job the app enqueues, with its payload schema (checked again when the job runs). */
export const jobPayloadSchemas = {
  /** Start (or resume from its checkpoint) the agent of a running spec. */
  spawn_spec_sandbox: z.object({ specId: z.string().min(1), reason: z.string().max(500).optional() }),
} as const;

export type JobName = keyof typeof jobPayloadSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloadSchemas)[N]>;
