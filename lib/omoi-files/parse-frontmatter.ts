import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument, type Document } from "yaml";

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

/**
 * Splits a markdown file into its YAML frontmatter (between `---` lines at the very top) and its body, and parses
 * the YAML with line numbers kept, so every later error can say `file:line`. Returns diagnostics instead of
 * throwing: a file with broken frontmatter is reported, never a crash.
 */
export function parseFrontmatter(text: string, file: string): { frontmatter?: Frontmatter; diagnostics: Diagnostic[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const error = (line: number, message: string) => ({ diagnostics: [{ file, line, message, severity: "error" as const }] });
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
 * errors are diagnostics; a document that is not a mapping is one too.
 */
export function parseYamlWithLines(text: string, file: string, offset = 0) {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (at: number) => counter.linePos(at).line + offset;
  // A field that is not there at all points at the opening `---` (or the first line of a plain YAML file).
  const lineOf = (path: readonly PropertyKey[]) => lineOfPath(doc, path, lineAt) || Math.max(offset, 1);
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    const diagnostics: Diagnostic[] = problems.map((problem) => ({
      file,
      line: lineAt(problem.pos[0]),
      message: `invalid YAML: ${problem.message.split("\n")[0]}`,
      severity: doc.errors.includes(problem as never) ? "error" : "warning",
    }));
    return { data: undefined, diagnostics, lineOf };
  }
  const data: unknown = text.trim() === "" ? {} : doc.toJS({ maxAliasCount: 100 });
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { data: undefined, diagnostics: [{ file, line: offset + 1, message: "expected a mapping of `field: value` lines", severity: "error" as const }], lineOf };
  }
  return { data: data as Record<string, unknown>, diagnostics: [] as Diagnostic[], lineOf };
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
