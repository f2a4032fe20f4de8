import fs from "node:fs";
import path from "node:path";
import type { CliContext } from "@/lib/cli/cli-context";
import { CliError, EXIT } from "@/lib/cli/exit-codes";
import { configYaml, specTemplate, TEMPLATES } from "@/lib/cli/omoi-templates";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { readConfig } from "@/lib/cli/read-omoi-workspace";
import { OMOI_DIR, OMOI_FOLDERS, SPEC_KEY } from "@/lib/omoi-files/omoi-file-schemas";
import { escapeControlChars as safe } from "@/lib/omoi-files/escape-control-chars";
import type { Diagnostic } from "@/lib/omoi-files/parse-frontmatter";

/**
 * `omoi init --project <id> [--spec <key> [--title <title>]]`: creates `.omoi_os/` with config.yaml, the four
 * folders and templates/ (examples to copy, never pushed), and spec.md when a spec key is given. Never overwrites.
 */
export async function initCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseCommandArgs("init", args, { project: { type: "string" }, spec: { type: "string" }, title: { type: "string" } });
  const root = path.join(path.resolve(ctx.cwd, values.dir ?? "."), OMOI_DIR);
  const show = (p: string) => path.relative(ctx.cwd, p) || p;
  const configFile = path.join(root, "config.yaml");
  const existing = fs.existsSync(configFile) ? readConfig(root, show(configFile), [] as Diagnostic[]) : undefined;
  const projectId = values.project ?? existing?.project ?? ctx.env.OMOIOS_PROJECT_ID;
  if (!projectId) throw new CliError(EXIT.usage, "omoi init: name the project: omoi init --project <id> (or set OMOIOS_PROJECT_ID)");
  if (values.spec !== undefined && !SPEC_KEY.test(values.spec)) {
    throw new CliError(EXIT.usage, "omoi init: --spec is a key of lowercase letters, digits and dashes, e.g. dark-mode");
  }

  const created: string[] = [];
  const write = (file: string, text: string) => {
    if (fs.existsSync(file)) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    created.push(show(file));
  };
  for (const folder of [...OMOI_FOLDERS, "templates"]) fs.mkdirSync(path.join(root, folder), { recursive: true });
  write(configFile, configYaml(projectId));
  for (const [name, text] of Object.entries(TEMPLATES)) write(path.join(root, "templates", name), text);
  if (values.spec) write(path.join(root, "spec.md"), specTemplate(values.spec, values.title ?? values.spec));

  if (existing && values.project && existing.project !== values.project) {
    ctx.stderr(`warning: ${safe(show(configFile))} already names project ${existing.project}; left as it is\n`);
  }
  for (const file of created) ctx.stdout(`created ${safe(file)}\n`);
  ctx.stdout(`${safe(show(root))}/ is ready: write files in ${OMOI_FOLDERS.join("/, ")}/ (see templates/), then \`omoi validate\` and \`omoi sync push\`.\n`);
  return EXIT.ok;
}
