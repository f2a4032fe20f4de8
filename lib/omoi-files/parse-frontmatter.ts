import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument, visit, type Document } from "yaml";
import { measureYamlNesting } from "@/lib/omoi-files/measure-yaml-nesting";
import { OMOI_FILE_LIMITS } from "@/lib/omoi-files/omoi-push-limits";

export interface Diagnostic {
  /** Path of the file as the user should see it (relative to where the command runs). */
  file: string;
  line: number;
  message: string;
  severity: "error" | "warning";
}

export interface Frontmatter {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  /** The line of a value in the frontmatter (the deepest part of `path` that exists; the opening `---` otherwise). */
  lineOf(path: readonly PropertyKey[]): number;
}

const FENCE = /^---[ \t]*$/;
const MAX_YAML_PROBLEMS = 10;

/**
 * Splits a markdown file into its YAML frontmatter (between `---` lines at the very top) and its body, and parses
 * the YAML with line numbers kept, so every later error can say `file:line`. Returns diagnostics instead of
 * throwing: a file with broken frontmatter is reported, never a crash.
 */
export function parseFrontmatter(text: string, file: string): { frontmatter?: Frontmatter; diagnostics: Diagnostic[] } {
  const error = (line: number, message: string) => ({ diagnostics: [{ file, line, message, severity: "error" as const }] });
  if (text.length > OMOI_FILE_LIMITS.bytes) return error(1, `the file is larger than ${OMOI_FILE_LIMITS.bytes / 1024} KiB; split it`);
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? "")) return error(1, "missing YAML frontmatter: start the file with a line `---`");
  const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (close < 0) return error(1, "the frontmatter is not closed: add a line `---` after it");

  const yaml = parseYamlWithLines(lines.slice(1, close).join("\n"), file, 1);
  if (!yaml.data) return { diagnostics: yaml.diagnostics };
  return {
    frontmatter: { data: yaml.data, body: lines.slice(close + 1).join("\n"), bodyLine: close + 2, lineOf: yaml.lineOf },
    diagnostics: yaml.diagnostics,
  };
}

/**
 * Parses a YAML mapping keeping line numbers (`offset` = lines above it in its file). Duplicate keys and syntax
 * errors are diagnostics; a document that is not a mapping is one too. The work is bounded (nesting depth checked
 * first, alias expansion capped) and nothing throws: whatever goes wrong is this file's diagnostic, so the other
 * files are still checked.
 */
export function parseYamlWithLines(text: string, file: string, offset = 0) {
  const fail = (line: number, message: string) => ({ data: undefined, diagnostics: [{ file, line, message: `invalid YAML: ${message}`, severity: "error" as const }], lineOf: () => Math.max(offset, 1) });
  const tooDeep = measureYamlNesting(text);
  if (tooDeep) return fail(tooDeep.line + offset, tooDeep.message);
  const counter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return fail(offset + 1, (error as Error).message.split("\n")[0]!);
  }
  const lineAt = (at: number) => counter.linePos(at).line + offset;
  // A field that is not there at all points at the opening `---` (or the first line of a plain YAML file).
  const lineOf = (path: readonly PropertyKey[]) => lineOfPath(doc, path, lineAt) || Math.max(offset, 1);
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    // The first few are what a person fixes; thousands of lines about one broken file would bury the others.
    const diagnostics: Diagnostic[] = problems.slice(0, MAX_YAML_PROBLEMS).map((problem) => ({
      file,
      line: lineAt(problem.pos[0]),
      message: `invalid YAML: ${problem.message.split("\n")[0]}`,
      severity: doc.errors.includes(problem as never) ? "error" : "warning",
    }));
    if (problems.length > MAX_YAML_PROBLEMS) {
      diagnostics.push({ file, line: diagnostics[diagnostics.length - 1]!.line, message: `invalid YAML: ${problems.length - MAX_YAML_PROBLEMS} more problems not shown`, severity: "error" });
    }
    return { data: undefined, diagnostics, lineOf };
  }
  let data: unknown;
  try {
    data = text.trim() === "" ? {} : doc.toJS({ maxAliasCount: OMOI_FILE_LIMITS.yamlAliases });
  } catch (error) {
    const message = /alias count/i.test((error as Error).message)
      ? `its aliases (*name) expand to too much data (more than ${OMOI_FILE_LIMITS.yamlAliases} uses); write the values out`
      : (error as Error).message.split("\n")[0]!;
    return { ...fail(firstAliasLine(doc, lineAt) ?? offset + 1, message), lineOf };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { data: undefined, diagnostics: [{ file, line: offset + 1, message: "expected a mapping of `field: value` lines", severity: "error" as const }], lineOf };
  }
  return { data: data as Record<string, unknown>, diagnostics: [] as Diagnostic[], lineOf };
}

/** The line of the first alias (`*name`) in a document, where an alias problem is best pointed at. */
function firstAliasLine(doc: Document, lineAt: (offset: number) => number): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.range) line = lineAt(node.range[0]);
      return visit.BREAK;
    },
  });
  return line;
}

function lineOfPath(doc: Document, path: readonly PropertyKey[], lineAt: (offset: number) => number): number {
  for (let depth = path.length; depth > 0; depth--) {
    const prefix = path.slice(0, depth);
    const node = doc.getIn(prefix as unknown[], true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
    // A key whose value is empty (`field:`) has no value node; point at the key.
    const parent = depth > 1 ? doc.getIn(prefix.slice(0, -1) as unknown[], true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === prefix[prefix.length - 1]);
      if (pair && isScalar(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
    }
  }
  return 0;
}
