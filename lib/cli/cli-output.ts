import path from "node:path";
import type { CliContext } from "@/lib/cli/cli-context";
import { CliError, EXIT } from "@/lib/cli/exit-codes";
import { findOmoiRoot } from "@/lib/cli/find-omoi-root";
import { formatDiagnostic, readConfig, sortDiagnostics, type OmoiWorkspace } from "@/lib/cli/read-omoi-workspace";
import type { Diagnostic } from "@/lib/omoi-files/parse-frontmatter";
import type { ParsedOmoiFile } from "@/lib/omoi-files/parse-omoi-file";

/** Diagnostics on stderr, `file:line: message`; returns how many were errors. */
export function printDiagnostics(ctx: CliContext, diagnostics: readonly Diagnostic[]): number {
  for (const d of sortDiagnostics([...diagnostics])) ctx.stderr(`${formatDiagnostic(d)}\n`);
  return diagnostics.filter((d) => d.severity === "error").length;
}

/** For commands other than validate: the errors in full, the warnings as a count (validate lists them). */
export function printErrors(ctx: CliContext, diagnostics: readonly Diagnostic[]): number {
  const errors = printDiagnostics(ctx, diagnostics.filter((d) => d.severity === "error"));
  const warnings = diagnostics.length - errors;
  if (warnings > 0) ctx.stderr(`${plural(warnings, "warning")} in the files (omoi validate lists them)\n`);
  return errors;
}

/**
 * The server's field errors of a push ("tickets.1.assignee") as `file:line` diagnostics of the files they came
 * from: the CLI sent the items in its own order, so the index names the file.
 */
export function fieldErrorsToDiagnostics(workspace: OmoiWorkspace, fields: Record<string, string[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { sources } = workspace;
  const configFile = path.join(workspace.root, "config.yaml");
  for (const [key, messages] of Object.entries(fields)) {
    const [collection, second, ...rest] = key.split(".");
    let source: ParsedOmoiFile | undefined = collection === "spec" ? sources.spec : collection === "design" ? sources.design : undefined;
    let fieldPath: (string | number)[] = [second, ...rest].filter((p): p is string => p !== undefined);
    if (collection === "requirements" || collection === "tasks" || collection === "tickets") {
      source = sources[collection][Number(second)];
      fieldPath = rest;
    }
    const field = fieldPath.join(".");
    for (const message of messages) {
      out.push({
        file: source?.display ?? configFile,
        line: source ? source.lineOf(fieldPath.map((p) => (/^\d+$/.test(String(p)) ? Number(p) : p))) : 1,
        message: field ? `${field}: ${message}` : message,
        severity: "error",
      });
    }
  }
  return out;
}

/** The project a command works on: --project, else config.yaml of the nearest `.omoi_os/`, else OMOIOS_PROJECT_ID. */
export function resolveProjectId(ctx: CliContext, values: { project?: string; dir?: string }): string {
  if (values.project) return values.project;
  const root = findOmoiRoot(ctx.cwd, values.dir);
  if (root) {
    const diagnostics: Diagnostic[] = [];
    const config = readConfig(root, path.relative(ctx.cwd, path.join(root, "config.yaml")), diagnostics);
    if (config) return config.project;
    if (diagnostics.some((d) => d.severity === "error")) {
      printDiagnostics(ctx, diagnostics);
      throw new CliError(EXIT.failed, "config.yaml is invalid");
    }
  }
  if (ctx.env.OMOIOS_PROJECT_ID) return ctx.env.OMOIOS_PROJECT_ID;
  throw new CliError(EXIT.usage, "which project? pass --project <id>, or run inside a folder with .omoi_os/config.yaml");
}

/** A 404 for the project says what to check instead of only "not found". */
export function explainNotFound(error: unknown, projectId: string): never {
  if (error instanceof CliError && error.api?.status === 404 && /project/i.test(error.message)) {
    throw new CliError(EXIT.failed, `${error.message}: project ${projectId} does not exist or you are not a member of its organization`, error.api);
  }
  throw error;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
