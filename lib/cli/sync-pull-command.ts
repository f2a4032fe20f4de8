import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { CliContext } from "@/lib/cli/cli-context";
import { callApi } from "@/lib/cli/cli-api";
import { plural, printDiagnostics } from "@/lib/cli/cli-output";
import { resolveCredentials } from "@/lib/cli/credentials";
import { CliError, EXIT } from "@/lib/cli/exit-codes";
import { fetchSnapshot } from "@/lib/cli/fetch-snapshot";
import { findOmoiRoot } from "@/lib/cli/find-omoi-root";
import { configYaml } from "@/lib/cli/omoi-templates";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { readOmoiWorkspace, type OmoiWorkspace } from "@/lib/cli/read-omoi-workspace";
import { escapeControlChars as safe } from "@/lib/omoi-files/escape-control-chars";
import { OMOI_DIR, OMOI_FOLDERS } from "@/lib/omoi-files/omoi-file-schemas";
import { renderOmoiFiles } from "@/lib/omoi-files/render-omoi-files";

/**
 * `omoi sync pull [--spec <id>] [--force]`: writes the spec's requirements, design, tasks and tickets from the
 * server as files — into the files that already hold those ids, else `<folder>/<id>.md` — and leaves files the
 * server does not know (not pushed yet) alone. A folder holds one spec: pulling another one needs --force, which
 * replaces the folder's spec files. Without a `.omoi_os/` folder, `--spec` creates one for the spec's project.
 */
export async function syncPullCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values } = parseCommandArgs("sync pull", args, { spec: { type: "string" }, force: { type: "boolean" } });
  const credentials = resolveCredentials(ctx);
  const found = findOmoiRoot(ctx.cwd, values.dir);
  let workspace = found ? readOmoiWorkspace(found, ctx.cwd) : undefined;
  const hasConfigFile = found ? fs.existsSync(path.join(found, "config.yaml")) : false;
  if (hasConfigFile && !workspace?.config) {
    printDiagnostics(ctx, workspace!.diagnostics.filter((d) => d.file.endsWith("config.yaml")));
    throw new CliError(EXIT.failed, "config.yaml is invalid; fix it before pulling");
  }
  const specFile = workspace?.files.find((f) => f.kind === "spec");
  if (specFile && !specFile.item && !values.force) {
    printDiagnostics(ctx, specFile.diagnostics);
    throw new CliError(EXIT.failed, `${specFile.display} is invalid; fix it, or pass --force to replace it with the server's`);
  }
  const local = workspace?.items.spec ?? null;

  let projectId = workspace?.config?.project;
  if (!projectId) {
    if (!values.spec) throw new CliError(EXIT.usage, `no ${OMOI_DIR}/config.yaml here: run \`omoi init --project <id>\`, or pull a spec with --spec <id>`);
    const { spec } = await callApi(ctx, credentials, { path: `/api/v1/specs/${encodeURIComponent(values.spec)}`, schema: z.object({ spec: z.object({ projectId: z.string() }) }) });
    projectId = spec.projectId;
  }
  const target = values.spec ? { specId: values.spec } : local ? { specId: local.id, specKey: local.key } : {};
  const snapshot = await fetchSnapshot(ctx, credentials, projectId, target);
  if (local && !snapshot.spec) {
    ctx.stdout(`nothing to pull: spec ${local.key} is not on the server yet (omoi sync push creates it)\n`);
    return EXIT.ok;
  }
  // A folder holds one spec (or spec-less tickets): pulling something else into it would mix them on the next push.
  const hasItems = Boolean(workspace?.files.some((f) => f.kind !== "spec"));
  const sameSpec = !snapshot.spec ? !local : local ? local.id === snapshot.spec.id || (!local.id && local.key === snapshot.spec.key) : !hasItems;
  if (!sameSpec && !values.force) {
    const holds = local ? `spec ${local.key}` : snapshot.spec ? "tickets of no spec" : "a spec";
    throw new CliError(EXIT.usage, `${path.relative(ctx.cwd, found!) || OMOI_DIR} holds ${holds}: pull into another folder (--dir) or replace its files with --force`);
  }
  if (workspace && (!sameSpec || (specFile && !specFile.item))) {
    removeSpecFiles(workspace.root);
    workspace = readOmoiWorkspace(workspace.root, ctx.cwd);
  }

  const root = workspace?.root ?? path.join(path.resolve(ctx.cwd, values.dir ?? "."), OMOI_DIR);
  for (const folder of OMOI_FOLDERS) fs.mkdirSync(path.join(root, folder), { recursive: true });
  if (!hasConfigFile) fs.writeFileSync(path.join(root, "config.yaml"), configYaml(projectId));

  const pathOf = existingPaths(workspace);
  let written = 0;
  const pulled = new Set<string>();
  const rendered = renderOmoiFiles(snapshot);
  for (const file of rendered) {
    pulled.add(`${file.kind}:${file.id}`);
    const rel = (file.kind === "design" ? pathOf.get("design") : pathOf.get(`${file.kind}:${file.id}`)) ?? file.relPath;
    const absolute = path.join(root, rel);
    if (fs.existsSync(absolute) && fs.readFileSync(absolute, "utf8") === file.text) continue;
    fs.writeFileSync(absolute, file.text);
    written++;
    ctx.stdout(`wrote ${safe(path.relative(ctx.cwd, absolute))}\n`);
  }
  const localOnly = (workspace?.files ?? []).filter((f) => f.item && f.kind !== "spec" && f.kind !== "design" && !pulled.has(`${f.kind}:${(f.item as { id: string }).id}`));
  for (const f of localOnly) ctx.stdout(`kept ${safe(f.display)} (not on the server; push it or delete it)\n`);
  const what = snapshot.spec ? `spec ${snapshot.spec.key} (${snapshot.spec.id})` : `the spec-less tickets of project ${snapshot.project.name}`;
  ctx.stdout(`pulled ${what}: ${plural(written, "file")} written, ${rendered.length - written} already up to date\n`);
  return EXIT.ok;
}

/** Where the folder already keeps each item, so a pull updates those files instead of adding twins. */
function existingPaths(workspace: OmoiWorkspace | undefined): Map<string, string> {
  const paths = new Map<string, string>();
  for (const file of workspace?.files ?? []) {
    if (file.kind === "design") paths.set("design", file.relPath);
    else if (file.kind === "spec") paths.set(`spec:${file.item?.key ?? ""}`, file.relPath);
    else if (file.item) paths.set(`${file.kind}:${file.item.id}`, file.relPath);
  }
  return paths;
}

/** --force onto another spec: the old spec's files go (config.yaml and templates stay). */
function removeSpecFiles(root: string) {
  fs.rmSync(path.join(root, "spec.md"), { force: true });
  for (const folder of OMOI_FOLDERS) {
    const dir = path.join(root, folder);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) if (name.endsWith(".md")) fs.rmSync(path.join(dir, name), { force: true });
  }
}
