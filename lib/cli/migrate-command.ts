import fs from "node:fs";
import path from "node:path";
import type { CliContext } from "@/lib/cli/cli-context";
import { plural, printDiagnostics } from "@/lib/cli/cli-output";
import { CliError, EXIT } from "@/lib/cli/exit-codes";
import { requireOmoiRoot } from "@/lib/cli/find-omoi-root";
import { configYaml } from "@/lib/cli/omoi-templates";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { readOmoiWorkspace } from "@/lib/cli/read-omoi-workspace";
import { escapeControlChars as safe } from "@/lib/omoi-files/escape-control-chars";
import { OMOI_FOLDERS, SPEC_KEY } from "@/lib/omoi-files/omoi-file-schemas";
import { OMOI_FILE_LIMITS } from "@/lib/omoi-files/omoi-push-limits";
import { PREDECESSOR_DIR, planOmoiMigration, type MigrationPlan } from "@/lib/omoi-files/plan-omoi-migration";

/**
 * `omoi migrate [--dry-run] [--project <id>] [--spec <key>]`: rewrites a `.omoi_os/` folder written in the
 * predecessor's (Python OmoiOS) format into ours, losing nothing: fields move to ours, or into the body under
 * "## Predecessor fields", and every original is kept in `.omoi_os/predecessor/`. --dry-run prints, per file,
 * what moves where and writes nothing. Ends with what `omoi validate` says about the result.
 */
export async function migrateCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseCommandArgs("migrate", args, { "dry-run": { type: "boolean" }, project: { type: "string" }, spec: { type: "string" } });
  const dryRun = values["dry-run"] ?? false;
  if (values.spec !== undefined && !SPEC_KEY.test(values.spec)) throw new CliError(EXIT.usage, "omoi migrate: --spec is a key of lowercase letters, digits and dashes, e.g. user-auth");
  const root = requireOmoiRoot(ctx.cwd, values.dir);
  const show = (rel: string) => safe(path.relative(ctx.cwd, path.join(root, rel)) || rel);

  const plan = planOmoiMigration(readMigratableFiles(root), { specKey: values.spec });
  const project = values.project ?? ctx.env.OMOIOS_PROJECT_ID;
  const needsConfig = !fs.existsSync(path.join(root, "config.yaml"));
  if (needsConfig && project) plan.writes.push({ relPath: "config.yaml", text: configYaml(project) });

  if (!dryRun && needsConfig && !project) throw new CliError(EXIT.usage, "omoi migrate: name the project for config.yaml: --project <id> (or set OMOIOS_PROJECT_ID)");

  printSteps(ctx, plan, show);
  if (needsConfig) ctx.stdout(project ? `${show("config.yaml")}: created for project ${safe(project)}\n` : `${show("config.yaml")}: missing; pass --project <id> to create it\n`);
  for (const problem of plan.problems) ctx.stderr(`problem: ${safe(problem)}\n`);
  const summary = `${plural(plan.writes.length, "file")} to write, ${plural(plan.removes.length, "file")} to remove; originals kept in ${show(PREDECESSOR_DIR)}/`;
  if (plan.steps.length === 0 && plan.writes.length === 0) {
    ctx.stdout("nothing to migrate: the files are in OmoiOS's format already\n");
    return EXIT.ok;
  }
  if (plan.problems.length > 0) {
    ctx.stderr("nothing was written: solve the problems above, then migrate again\n");
    return EXIT.failed;
  }
  if (dryRun) {
    ctx.stdout(`dry run: ${summary}; nothing was written\n`);
    return EXIT.ok;
  }
  applyPlan(root, plan);
  ctx.stdout(`migrated: ${summary.replace(" to write", " written").replace(" to remove", " removed")}\n`);
  const workspace = readOmoiWorkspace(root, ctx.cwd);
  const errors = printDiagnostics(ctx, workspace.diagnostics.filter((d) => d.severity === "error"));
  const warnings = workspace.diagnostics.length - errors;
  ctx.stdout(`omoi validate: ${plural(errors, "error")}, ${plural(warnings, "warning")}${errors ? " (fix them before pushing)" : ""}\n`);
  return errors > 0 ? EXIT.failed : EXIT.ok;
}

/** The files migrate looks at: spec.md, the four folders, and the predecessor's PRDs (docs/, prd/). */
function readMigratableFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const add = (rel: string) => {
    const absolute = path.join(root, rel);
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (!stat?.isFile()) return;
    if (stat.size > OMOI_FILE_LIMITS.bytes) throw new CliError(EXIT.failed, `${rel} is larger than ${OMOI_FILE_LIMITS.bytes / 1024} KiB; split it first`);
    files.set(rel, fs.readFileSync(absolute, "utf8"));
  };
  add("spec.md");
  for (const folder of [...OMOI_FOLDERS, "docs", "prd"]) {
    const dir = path.join(root, folder);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".md")).sort()) add(`${folder}/${name}`);
  }
  return files;
}

function printSteps(ctx: CliContext, plan: MigrationPlan, show: (rel: string) => string) {
  for (const step of plan.steps) {
    const targets = step.targets.filter((t) => t !== step.source);
    const where = step.created
      ? "(new)"
      : step.targets.length === 0
        ? `→ ${show(`${PREDECESSOR_DIR}/${step.source}`)}`
        : targets.length
          ? `→ ${targets.map(show).join(", ")}`
          : "(rewritten in place)";
    ctx.stdout(`${show(step.source)} ${where}\n`);
    for (const line of step.lines) ctx.stdout(`  ${safe(line)}\n`);
  }
}

/** Originals first (never overwriting an earlier copy), then removals, then the new files. */
function applyPlan(root: string, plan: MigrationPlan) {
  for (const rel of plan.backups) {
    let target = path.join(root, PREDECESSOR_DIR, rel);
    for (let n = 1; fs.existsSync(target); n++) target = path.join(root, PREDECESSOR_DIR, `${rel}.${n}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(root, rel), target);
  }
  for (const rel of plan.removes) fs.rmSync(path.join(root, rel));
  for (const { relPath, text } of plan.writes) {
    fs.mkdirSync(path.dirname(path.join(root, relPath)), { recursive: true });
    fs.writeFileSync(path.join(root, relPath), text);
  }
}
