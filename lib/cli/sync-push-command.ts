import type { CliContext } from "@/lib/cli/cli-context";
import { callApi } from "@/lib/cli/cli-api";
import { explainNotFound, fieldErrorsToDiagnostics, printDiagnostics, printErrors } from "@/lib/cli/cli-output";
import { resolveCredentials } from "@/lib/cli/credentials";
import { CliError, EXIT } from "@/lib/cli/exit-codes";
import { requireOmoiRoot } from "@/lib/cli/find-omoi-root";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { countActions, printPlan } from "@/lib/cli/print-plan";
import { readOmoiWorkspace } from "@/lib/cli/read-omoi-workspace";
import { escapeControlChars } from "@/lib/omoi-files/escape-control-chars";
import { omoiPushResultSchema, type OmoiPushBody } from "@/lib/omoi-files/omoi-file-schemas";

/**
 * `omoi sync push [--dry-run]`: validates the files (nothing is sent while any has an error), then sends the whole
 * folder in one request; the server applies it in one transaction, keyed by file ids — so running it again after
 * any failure is the way to finish it. --dry-run prints the server's plan and writes nothing.
 */
export async function syncPushCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseCommandArgs("sync push", args, { "dry-run": { type: "boolean" } });
  const dryRun = values["dry-run"] ?? false;
  const workspace = readOmoiWorkspace(requireOmoiRoot(ctx.cwd, values.dir), ctx.cwd);
  if (printErrors(ctx, workspace.diagnostics) > 0 || !workspace.config) {
    ctx.stderr("nothing was pushed: fix the errors above (omoi validate)\n");
    return EXIT.failed;
  }
  const projectId = workspace.config.project;
  const credentials = resolveCredentials(ctx);
  const body: OmoiPushBody = { dryRun, ...workspace.items };
  let result;
  try {
    result = await callApi(ctx, credentials, {
      method: "POST",
      path: `/api/v1/projects/${encodeURIComponent(projectId)}/omoi-sync`,
      body,
      schema: omoiPushResultSchema,
    });
  } catch (error) {
    if (error instanceof CliError && error.api && Object.keys(error.api.fields).length > 0) {
      printDiagnostics(ctx, fieldErrorsToDiagnostics(workspace, error.api.fields));
      ctx.stderr(`${escapeControlChars(error.message)}\n`);
      return EXIT.failed;
    }
    return explainNotFound(error, projectId);
  }
  printPlan(ctx, result.plan);
  const { create, update, unchanged } = countActions(result.plan);
  const target = workspace.items.spec ? `spec ${workspace.items.spec.key}${result.specId ? ` (${result.specId})` : ""}` : `project ${projectId}`;
  ctx.stdout(
    dryRun
      ? `dry run for ${target}: ${create} to create, ${update} to update, ${unchanged} unchanged; nothing was written\n`
      : `pushed to ${target}: ${create} created, ${update} updated, ${unchanged} unchanged\n`,
  );
  return EXIT.ok;
}
