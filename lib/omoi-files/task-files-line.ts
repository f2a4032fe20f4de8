/**
 * SpecTask has no column for the files a task touches: the spec engine appends them to the description as a last
 * "Files: a, b" paragraph (lib/specs/materialize-phase.ts). A push stores them the same way (all of them, so the
 * list comes back whole) and a pull splits them off again.
 */
const FILES_LINE = /\n\nFiles: ([^\n]+)$/;

export function joinTaskFiles(description: string, files: readonly string[]): string {
  const text = description.trim();
  return files.length ? `${text}\n\nFiles: ${files.join(", ")}` : text;
}

export function splitTaskFiles(stored: string): { description: string; files: string[] } {
  const text = stored.trim();
  const match = FILES_LINE.exec(text);
  if (!match) return { description: text, files: [] };
  return { description: text.slice(0, match.index).trim(), files: match[1]!.split(", ").map((f) => f.trim()).filter(Boolean) };
}
