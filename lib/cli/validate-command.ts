import type { CliContext } from "@/lib/cli/cli-context";
import { plural, printDiagnostics } from "@/lib/cli/cli-output";
import { EXIT } from "@/lib/cli/exit-codes";
import { requireOmoiRoot } from "@/lib/cli/find-omoi-root";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { readOmoiWorkspace } from "@/lib/cli/read-omoi-workspace";

/**
 * `omoi validate`: every `.omoi_os/` file checked as the server would (its schemas and its push limits); exit 1
 * when any has an error, including content a push would drop (an unknown field with content).
 */
export async function validateCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseCommandArgs("validate", args, {});
  const workspace = readOmoiWorkspace(requireOmoiRoot(ctx.cwd, values.dir), ctx.cwd);
  const errors = printDiagnostics(ctx, workspace.diagnostics);
  // snake_case fields (user_id, blocked_by, api_endpoints) are the predecessor's format, which migrate rewrites whole.
  if (workspace.diagnostics.some((d) => d.severity === "error" && /^unknown field "[a-z0-9]+_[a-z0-9_]+"/.test(d.message))) {
    ctx.stderr("hint: these files look like the predecessor's (Python OmoiOS) format: `omoi migrate --dry-run` shows how it would convert them\n");
  }
  const warnings = workspace.diagnostics.length - errors;
  const { items } = workspace;
  const counts = [
    items.spec ? `spec ${items.spec.key}` : "no spec",
    plural(items.requirements.length, "requirement"),
    plural(items.design ? 1 : 0, "design"),
    plural(items.tasks.length, "task"),
    plural(items.tickets.length, "ticket"),
  ].join(", ");
  ctx.stdout(`${plural(workspace.files.length, "file")} read (${counts}): ${plural(errors, "error")}, ${plural(warnings, "warning")}\n`);
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
