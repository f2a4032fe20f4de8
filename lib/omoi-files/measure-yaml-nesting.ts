import { OMOI_FILE_LIMITS } from "@/lib/omoi-files/omoi-push-limits";

/**
 * Finds YAML nested deeper than any `.omoi_os/` file needs, before the parser sees it: the yaml package recurses
 * per level and a few kilobytes of `[[[[…` exhaust its stack or the process's memory (not an exception a caller
 * can catch). Counts open flow brackets outside quoted strings (on their line) and comments, and indentation
 * columns of block lines; returns the first line over a limit. Conservative: text full of `[` may count as
 * nesting, which no real frontmatter has 64 levels of.
 */
export function measureYamlNesting(text: string): { line: number; message: string } | undefined {
  let depth = 0;
  let line = 1;
  let quote: '"' | "'" | null = null;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "\n") {
      line++;
      lineStart = true;
      indent = 0;
      // Quotes end with the line here: a quote that YAML reads as text (inside a block scalar) must not hide the
      // lines after it from the count. A quoted string spanning lines with brackets in it is merely counted.
      quote = null;
      continue;
    }
    if (lineStart) {
      // Compact block collections ("- - - a", "? ? a") nest like indentation does, on one line.
      const compact = (char === "-" || char === "?") && text[i + 1] === " ";
      if (char === " " || compact) {
        indent += compact ? 2 : 1;
        if (compact) i++;
        if (indent > OMOI_FILE_LIMITS.yamlIndent) return { line, message: `indented more than ${OMOI_FILE_LIMITS.yamlIndent} columns; flatten the YAML` };
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (quote === '"' && char === "\\") i++;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf("\n", i);
      i = (end < 0 ? text.length : end) - 1;
    } else if ((char === '"' || char === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]!))) {
      quote = char;
    } else if (char === "[" || char === "{") {
      if (++depth > OMOI_FILE_LIMITS.yamlFlowDepth) return { line, message: `nested more than ${OMOI_FILE_LIMITS.yamlFlowDepth} levels deep; flatten the YAML` };
    } else if ((char === "]" || char === "}") && depth > 0) {
      depth--;
    }
  }
  return undefined;
}
