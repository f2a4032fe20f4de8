import type { CliContext } from "@/lib/cli/cli-context";
import { fetchSnapshot } from "@/lib/cli/fetch-snapshot";
import { printErrors } from "@/lib/cli/cli-output";
import { resolveCredentials } from "@/lib/cli/credentials";
import { EXIT } from "@/lib/cli/exit-codes";
import { requireOmoiRoot } from "@/lib/cli/find-omoi-root";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { countActions, printPlan } from "@/lib/cli/print-plan";
import { readOmoiWorkspace } from "@/lib/cli/read-omoi-workspace";
import { planOmoiPush } from "@/lib/omoi-files/plan-omoi-push";

/**
 * `omoi sync diff`: what a push would change, item by item with the fields that differ, and what only the server
 * has. Needs only a read key (it compares with the server's snapshot using the push's own planner). Exit 1 when
 * anything differs, 0 when the files and the server agree.
 */
export async function syncDiffCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseCommandArgs("sync diff", args, {});
  const workspace = readOmoiWorkspace(requireOmoiRoot(ctx.cwd, values.dir), ctx.cwd);
  if (printErrors(ctx, workspace.diagnostics) > 0 || !workspace.config) {
    ctx.stderr("cannot compare: fix the errors above (omoi validate)\n");
    return EXIT.failed;
  }
  const spec = workspace.items.spec;
  const snapshot = await fetchSnapshot(ctx, resolveCredentials(ctx), workspace.config.project, spec ? { specId: spec.id, specKey: spec.key } : {});
  const plan = planOmoiPush(workspace.items, snapshot);
  const { create, update } = countActions(plan);
  if (create + update + plan.serverOnly.length === 0) {
    ctx.stdout("in sync: the server holds exactly what the files say\n");
    return EXIT.ok;
  }
  printPlan(ctx, plan);
  ctx.stdout(`${create} to create, ${update} to update, ${plan.serverOnly.length} only on the server\n`);
  return EXIT.failed;
}
