import { z } from "zod";

/**
 * A task's stored `result`: the agent's report (`task.completed`: summary, its own commit count, verdicts) with,
 * beside it, what the server delivered (`delivered`, written by lib/sandbox/finish-task.ts). Read leniently: a field
 * that does not read as expected (an older version's row) is left out rather than failing the whole page.
 */
const verdictSchema = z.object({ criterionId: z.string().optional().catch(undefined), criterion: z.string(), met: z.boolean(), evidence: z.string().catch("") });

const storedResultSchema = z.object({
  summary: z.string().optional().catch(undefined),
  verdicts: z.array(z.unknown()).optional().catch(undefined),
  delivered: z.object({ branch: z.string(), sha: z.string(), commits: z.number().int().min(0) }).optional().catch(undefined),
});

export type ParsedVerdict = z.infer<typeof verdictSchema>;

export interface ParsedTaskResult {
  summary: string | null;
  verdicts: ParsedVerdict[];
  /** The server's finding; null when the result carries no delivery (nothing delivered, or a row from before it was kept). */
  delivered: { branch: string; sha: string; commits: number } | null;
}

export function parseTaskResult(result: unknown): ParsedTaskResult | null {
  const parsed = storedResultSchema.safeParse(result);
  if (!parsed.success) return null;
  const verdicts = (parsed.data.verdicts ?? []).flatMap((v) => {
    const one = verdictSchema.safeParse(v);
    return one.success ? [one.data] : [];
  });
  return { summary: parsed.data.summary?.trim() || null, verdicts, delivered: parsed.data.delivered ?? null };
}
