import { z } from "zod";
import type { CliContext } from "@/lib/cli/cli-context";
import { callApi } from "@/lib/cli/cli-api";
import { explainNotFound, resolveProjectId } from "@/lib/cli/cli-output";
import { resolveCredentials } from "@/lib/cli/credentials";
import { EXIT } from "@/lib/cli/exit-codes";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { escapeControlChars as safe } from "@/lib/omoi-files/escape-control-chars";

const specsSchema = z.object({
  specs: z.array(
    z.object({ id: z.string(), title: z.string(), generationStatus: z.string(), currentPhase: z.string(), executionStatus: z.string(), progress: z.number(), createdAt: z.string() }),
  ),
});

/** `omoi specs list [--project <id>]`: the project's specs, newest first, one per line (id first, for scripts). */
export async function specsListCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseCommandArgs("specs list", args, { project: { type: "string" } });
  const projectId = resolveProjectId(ctx, values);
  const { specs } = await callApi(ctx, resolveCredentials(ctx), { path: `/api/v1/specs?projectId=${encodeURIComponent(projectId)}`, schema: specsSchema }).catch(
    (error: unknown) => explainNotFound(error, projectId),
  );
  if (specs.length === 0) {
    ctx.stdout("no specs yet\n");
    return EXIT.ok;
  }
  const rows = specs.map((s) => [s.id, s.generationStatus, s.currentPhase, `${s.executionStatus} ${s.progress}%`, safe(s.title)]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ["ID", "GENERATION", "PHASE", "EXECUTION"][i]!.length));
  const line = (cells: string[]) => `${cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join("  ")}\n`;
  ctx.stdout(line(["ID", "GENERATION", "PHASE", "EXECUTION", "TITLE"]));
  for (const row of rows) ctx.stdout(line(row));
  return EXIT.ok;
}
