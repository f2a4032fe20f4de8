import fs from "node:fs";
import path from "node:path";
import { checkOmoiReferences } from "@/lib/omoi-files/check-omoi-references";
import { OMOI_FILE_LIMITS } from "@/lib/omoi-files/omoi-push-limits";
import { OMOI_FOLDERS, omoiConfigSchema, type OmoiConfig } from "@/lib/omoi-files/omoi-file-schemas";
import { parseYamlWithLines, type Diagnostic } from "@/lib/omoi-files/parse-frontmatter";
import type { ParsedOmoiFile } from "@/lib/omoi-files/parse-omoi-file";
import type { OmoiLocalItems } from "@/lib/omoi-files/plan-omoi-push";
import { checkPushLimits } from "@/lib/cli/check-push-limits";
import { gateWarnings } from "@/lib/cli/gate-warnings";
import { readOmoiFile } from "@/lib/cli/read-omoi-file";
import { escapeControlChars } from "@/lib/omoi-files/escape-control-chars";

type Of<K extends ParsedOmoiFile["kind"]> = Extract<ParsedOmoiFile, { kind: K }>;

export interface OmoiWorkspace {
  /** The `.omoi_os/` folder. */
  root: string;
  config?: OmoiConfig;
  /** The valid items, in the order they are pushed. */
  items: OmoiLocalItems;
  /** The file of each pushed item (same order), to turn the server's field errors into `file:line`. */
  sources: { spec?: Of<"spec">; requirements: Of<"requirement">[]; design?: Of<"design">; tasks: Of<"task">[]; tickets: Of<"ticket">[] };
  /** Every file that was read, valid or not. */
  files: ParsedOmoiFile[];
  diagnostics: Diagnostic[];
}

/**
 * Reads and checks a whole `.omoi_os/` folder: config.yaml, spec.md and the markdown files of requirements/,
 * designs/, tasks/ and tickets/ (templates/ and anything else are not read). Never throws for bad content: every
 * problem is a diagnostic with its file and line, and a file that fails in any way fails alone.
 */
export function readOmoiWorkspace(root: string, cwd: string): OmoiWorkspace {
  const show = (rel: string) => path.relative(cwd, path.join(root, rel)) || rel;
  const diagnostics: Diagnostic[] = [];
  const config = readConfig(root, show("config.yaml"), diagnostics);

  const files = listOmoiFiles(root, show, diagnostics).map((rel) => readOmoiFile(root, rel, show(rel)));
  for (const file of files) diagnostics.push(...file.diagnostics);

  const sources: OmoiWorkspace["sources"] = { requirements: [], tasks: [], tickets: [] };
  for (const file of files) {
    if (!file.item) continue;
    if (file.kind === "spec") sources.spec = file;
    else if (file.kind === "requirement") sources.requirements.push(file);
    else if (file.kind === "task") sources.tasks.push(file);
    else if (file.kind === "ticket") sources.tickets.push(file);
    else if (sources.design) diagnostics.push({ file: file.display, line: 1, message: `a spec has one design; ${sources.design.display} is already it`, severity: "error" });
    else sources.design = file;
  }
  const withFile = <T>(file: { item?: T; relPath: string }) => ({ ...file.item!, file: file.relPath });
  const items: OmoiLocalItems = {
    spec: sources.spec ? withFile(sources.spec) : null,
    requirements: sources.requirements.map(withFile),
    design: sources.design ? withFile(sources.design) : null,
    tasks: sources.tasks.map(withFile),
    tickets: sources.tickets.map(withFile),
  };
  diagnostics.push(...checkPushLimits(files, items, show("config.yaml")));

  // References between files: only between valid files, so one broken file does not cascade into many errors.
  // A failure of these whole-folder checks is reported, never a reason to drop the per-file diagnostics.
  try {
    for (const issue of checkOmoiReferences(items, {}, "warning")) {
      const source = issue.collection === "spec" ? sources.spec : issue.collection === "design" ? sources.design : sources[issue.collection][issue.index];
      if (source) diagnostics.push({ file: source.display, line: source.lineOf(issue.path), message: issue.message, severity: issue.severity });
    }
    if (!diagnostics.some((d) => d.severity === "error")) diagnostics.push(...gateWarnings(items, sources));
  } catch (error) {
    diagnostics.push({ file: show("config.yaml"), line: 1, message: `the files could not be checked together: ${(error as Error).message}`, severity: "error" });
  }
  return { root, config, items, sources, files, diagnostics: sortDiagnostics(diagnostics) };
}

/** The files validate and push read, in their push order; an unreadable folder is a diagnostic. */
function listOmoiFiles(root: string, show: (rel: string) => string, diagnostics: Diagnostic[]): string[] {
  const relPaths = fs.existsSync(path.join(root, "spec.md")) ? ["spec.md"] : [];
  for (const folder of OMOI_FOLDERS) {
    const dir = path.join(root, folder);
    if (!fs.existsSync(dir)) continue;
    try {
      const names = fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith(".md"));
      relPaths.push(...names.map((entry) => `${folder}/${entry.name}`).sort());
    } catch (error) {
      diagnostics.push({ file: show(folder), line: 1, message: `could not be read: ${(error as Error).message.split("\n")[0]}`, severity: "error" });
    }
  }
  return relPaths;
}

/** config.yaml of a `.omoi_os/` folder; problems go into `diagnostics`. */
export function readConfig(root: string, display: string, diagnostics: Diagnostic[]): OmoiConfig | undefined {
  const file = path.join(root, "config.yaml");
  if (!fs.existsSync(file)) {
    diagnostics.push({ file: display, line: 1, message: "missing: run `omoi init --project <id>` (it names the project the files belong to)", severity: "error" });
    return undefined;
  }
  let text: string;
  try {
    if (fs.statSync(file).size > OMOI_FILE_LIMITS.bytes) throw new Error(`larger than ${OMOI_FILE_LIMITS.bytes / 1024} KiB`);
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    diagnostics.push({ file: display, line: 1, message: `could not be read: ${(error as Error).message.split("\n")[0]}`, severity: "error" });
    return undefined;
  }
  const yaml = parseYamlWithLines(text, display);
  diagnostics.push(...yaml.diagnostics);
  if (!yaml.data) return undefined;
  const parsed = omoiConfigSchema.safeParse(yaml.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      diagnostics.push({ file: display, line: yaml.lineOf(issue.path), message: `${issue.path.join(".") || "config"}: ${issue.message}`, severity: "error" });
    }
    return undefined;
  }
  for (const field of Object.keys(yaml.data).filter((f) => !(f in omoiConfigSchema.shape))) {
    diagnostics.push({ file: display, line: yaml.lineOf([field]), message: `unknown field "${field}" is ignored`, severity: "warning" });
  }
  return parsed.data;
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

/**
 * `file:line: message` (warnings marked), one per line, the form editors and CI logs understand. Escaped whole:
 * file names and messages quote the files, and a control character in them (a newline, ESC, U+202E) must not
 * forge or hide lines.
 */
export function formatDiagnostic(d: Diagnostic): string {
  return escapeControlChars(`${d.file}:${d.line}: ${d.severity === "warning" ? "warning: " : ""}${d.message}`);
}
