import { z } from "zod";
import type { CliContext } from "@/lib/cli/cli-context";
import { callApi } from "@/lib/cli/cli-api";
import { explainNotFound, resolveProjectId } from "@/lib/cli/cli-output";
import { resolveCredentials } from "@/lib/cli/credentials";
import { EXIT } from "@/lib/cli/exit-codes";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { escapeControlChars as safe } from "@/lib/omoi-files/escape-control-chars";

const boardSchema = z.object({
  columns: z.array(
    z.object({
      status: z.string(),
      count: z.number(),
      wipLimit: z.number().nullable(),
      tickets: z.array(
        z.object({ key: z.string(), title: z.string(), priority: z.string(), isBlocked: z.boolean(), blockedReason: z.string().nullable(), dependencyCount: z.number(), running: z.boolean() }),
      ),
    }),
  ),
});

/**
 * `omoi board [--project <id>] [--scope all|mine|unassigned|spec:<id>]`: the project's kanban board as text, one
 * column after the other (greppable), each card with its key, priority and flags (● agent at work, blocked, deps).
 */
export async function boardCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseCommandArgs("board", args, { project: { type: "string" }, scope: { type: "string" } });
  const projectId = resolveProjectId(ctx, values);
  const query = new URLSearchParams({ projectId, scope: values.scope ?? "all" });
  const board = await callApi(ctx, resolveCredentials(ctx), { path: `/api/v1/board/view?${query}`, schema: boardSchema }).catch((error: unknown) =>
    explainNotFound(error, projectId),
  );
  const keyWidth = Math.max(4, ...board.columns.flatMap((c) => c.tickets.map((t) => t.key.length)));
  for (const column of board.columns) {
    const limit = column.wipLimit ? `/${column.wipLimit}` : "";
    ctx.stdout(`${column.status.toUpperCase()} (${column.count}${limit})\n`);
    for (const t of column.tickets) {
      const flags = [t.running ? "● agent at work" : "", t.isBlocked ? `blocked${t.blockedReason ? `: ${t.blockedReason}` : ""}` : "", t.dependencyCount ? `waits for ${t.dependencyCount}` : ""]
        .filter(Boolean)
        .join(", ");
      ctx.stdout(`  ${t.key.padEnd(keyWidth)}  ${t.priority.padEnd(8)}  ${safe(t.title)}${flags ? `  [${flags}]` : ""}\n`);
    }
  }
  return EXIT.ok;
}
