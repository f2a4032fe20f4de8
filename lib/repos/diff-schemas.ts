import { z } from "zod";

/**
 * The diff contract shared by the server (lib/repos/read-diff.ts, the diff routes) and the interface (the diff viewer):
 * what one comparison `base...head` of a project's mirror looks like on the wire. Every file's numbers come on every
 * page (the file tree); patches only for the page's files, and never for binaries or files past the size caps.
 */
export const DIFF_PAGE_SIZE = 20;
export const MAX_DIFF_PAGE_SIZE = 100;
/** Past either cap a file's patch is summarized (its numbers only), not sent. */
export const MAX_FILE_PATCH_BYTES = 256 * 1024;
export const MAX_FILE_PATCH_LINES = 3000;

export const diffQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_DIFF_PAGE_SIZE).default(DIFF_PAGE_SIZE),
  /** One file's patch only (its page is the file itself). */
  path: z.string().min(1).max(4096).optional(),
});
export type DiffQuery = z.infer<typeof diffQuerySchema>;

export const diffFileStatusSchema = z.enum(["added", "modified", "deleted", "renamed", "copied", "type_changed"]);

export const diffFileSchema = z.object({
  path: z.string(),
  /** The path before a rename or copy; null otherwise. */
  oldPath: z.string().nullable(),
  status: diffFileStatusSchema,
  additions: z.number().int().min(0),
  deletions: z.number().int().min(0),
  binary: z.boolean(),
  /**
   * git's unified patch of this file (from its `diff --git` line, 3 lines of context), when this file is on the page
   * and under the caps; null otherwise, with the reason in `omitted`.
   */
  patch: z.string().nullable(),
  omitted: z.enum(["binary", "too_large", "not_on_page"]).nullable(),
});
export type DiffFile = z.infer<typeof diffFileSchema>;

export const diffCommitSchema = z.object({
  sha: z.string(),
  subject: z.string(),
  author: z.string(),
  date: z.string(),
});

export const diffDtoSchema = z.object({
  /** The commits compared (`git diff base...head`); null when there is nothing to compare yet (no delivered work). */
  base: z.string().nullable(),
  head: z.string().nullable(),
  /** Names people know them by: "main", "omoi/shop-1a2b3c4d/spec-3", "omoi/shop-1a2b3c4d/OMOI-7". */
  baseLabel: z.string(),
  headLabel: z.string(),
  totals: z.object({ files: z.number().int(), additions: z.number().int(), deletions: z.number().int() }),
  /** Every changed file, in path order (the page's files carry their patch). */
  files: z.array(diffFileSchema),
  /** Commits in head that are not in base, oldest first (at most 250). */
  commits: z.array(diffCommitSchema),
  page: z.object({ offset: z.number().int(), limit: z.number().int(), nextOffset: z.number().int().nullable() }),
});
export type DiffDto = z.infer<typeof diffDtoSchema>;

/** What the ticket page adds: the last test run the server saw for the ticket's work (agent's or integration's). */
export const ticketDiffDtoSchema = diffDtoSchema.extend({
  lastTestRun: z
    .object({
      /** "agent": the agent's harness in its sandbox; "integration": the server's run on the merged candidate. */
      source: z.enum(["agent", "integration"]),
      command: z.string(),
      passed: z.boolean(),
      exitCode: z.number().int().nullable(),
      output: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
});
export type TicketDiffDto = z.infer<typeof ticketDiffDtoSchema>;
