import type { CliContext } from "@/lib/cli/cli-context";
import { escapeControlChars as safe } from "@/lib/omoi-files/escape-control-chars";
import type { OmoiPlan } from "@/lib/omoi-files/omoi-file-schemas";

/** One line per item that changes (and what), what only the server has, and the plan's warnings; names escaped. */
export function printPlan(ctx: CliContext, plan: OmoiPlan, { showUnchanged = false } = {}) {
  const width = Math.max(0, ...plan.items.map((i) => `${i.kind} ${i.id}`.length));
  for (const item of plan.items) {
    if (item.action === "unchanged" && !showUnchanged) continue;
    const what = `${item.kind} ${safe(item.id)}`.padEnd(width);
    const detail = item.action === "update" ? `  (${item.changes.join(", ")})` : item.file && item.action === "create" ? `  ${safe(item.file)}` : "";
    ctx.stdout(`  ${item.action.padEnd(9)} ${what}${detail}\n`);
  }
  for (const item of plan.serverOnly) ctx.stdout(`  server-only ${item.kind} ${safe(item.id)} (not in the files; a push leaves it alone)\n`);
  for (const warning of plan.warnings) ctx.stderr(`warning: ${safe(warning)}\n`);
}

export function countActions(plan: OmoiPlan) {
  const count = (action: string) => plan.items.filter((i) => i.action === action).length;
  return { create: count("create"), update: count("update"), unchanged: count("unchanged") };
}
