import { z } from "zod";

/** Review of a spec ticket's accepted work (manual review mode; the mode itself is a project setting): line comments, approve, request changes. */

export const reviewCommentInputSchema = z.object({
  path: z.string().trim().min(1).max(4096),
  line: z.number().int().min(1).max(10_000_000),
  /** new: a line of the work (added or context); old: a line the work removed. */
  side: z.enum(["old", "new"]).default("new"),
  body: z.string().trim().min(1, "Write the comment").max(10_000),
});
export type ReviewCommentInput = z.infer<typeof reviewCommentInputSchema>;

export const reviewActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("approve") }),
  z.object({
    action: z.literal("request_changes"),
    summary: z.string().trim().min(1, "Say what should change").max(10_000),
    /** Comments to add with the request (besides those already written on the ticket and not yet sent). */
    comments: z.array(reviewCommentInputSchema).max(100).default([]),
  }),
]);
export type ReviewAction = z.infer<typeof reviewActionSchema>;

export const reviewCommentDtoSchema = z.object({
  id: z.string(),
  path: z.string(),
  line: z.number().int(),
  side: z.enum(["old", "new"]),
  body: z.string(),
  /** open: not yet addressed by a later delivery; addressed: a later commit changed the file (addressedSha). */
  status: z.enum(["open", "addressed"]),
  commitSha: z.string(),
  addressedSha: z.string().nullable(),
  /** When the comment went to the agent with "Request changes"; null while it is a draft. */
  sentAt: z.string().nullable(),
  author: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  createdAt: z.string(),
});
export type ReviewCommentDto = z.infer<typeof reviewCommentDtoSchema>;
