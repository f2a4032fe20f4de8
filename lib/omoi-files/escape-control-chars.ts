/**
 * Characters a terminal, log viewer or editor acts on instead of showing: C0 and C1 controls (ESC starts terminal
 * escape sequences, \r rewrites the line, \n forges a new diagnostic), DEL, and the invisible format characters
 * that reorder or hide text (bidi overrides such as U+202E, zero-width characters, line separators, BOM).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A file name (or any text from files) made safe to print: each unsafe character becomes a visible escape
 * (`\n`, `\x1b`, `\u202e`). Used by every CLI line that names a file and by the server for the `file` of pushed
 * items, so a crafted name cannot rewrite what a person reads.
 */
export function escapeControlChars(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const named = NAMED[char];
    if (named) return named;
    const code = char.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
