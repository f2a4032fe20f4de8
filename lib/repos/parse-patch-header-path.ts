/**
 * The (new) path a patch is about, from its header: `rename to`/`copy to`, else `+++ b/…`, else `--- a/…` (a deleted
 * file), else the `diff --git a/P b/P` line itself (a mode change or an empty file has no ---/+++ lines).
 */
export function parsePatchHeaderPath(header: string[]): string | null {
  for (const prefix of ["rename to ", "copy to "]) {
    const line = header.find((l) => l.startsWith(prefix));
    if (line) return unquote(line.slice(prefix.length));
  }
  // git ends a ---/+++ line with a tab when its name has a space (for patch(1)); a path's own tab is always quoted.
  const plus = header.find((l) => l.startsWith("+++ "))?.replace(/\t$/, "");
  if (plus && plus !== "+++ /dev/null") return stripPrefix(unquote(plus.slice(4)), "b/");
  const minus = header.find((l) => l.startsWith("--- "))?.replace(/\t$/, "");
  if (minus && minus !== "--- /dev/null") return stripPrefix(unquote(minus.slice(4)), "a/");
  const rest = header[0]?.slice("diff --git ".length) ?? "";
  if (rest.startsWith('"')) {
    const second = rest.match(/^"(?:[^"\\]|\\.)*" (.*)$/)?.[1];
    return second ? stripPrefix(unquote(second), "b/") : null;
  }
  // `a/P b/P`: both halves name the same path, so its length is fixed even when P itself contains " b/".
  const length = (rest.length - 5) / 2;
  const path = rest.slice(2, 2 + length);
  return Number.isInteger(length) && rest === `a/${path} b/${path}` ? path : null;
}

const stripPrefix = (value: string, prefix: string) => (value.startsWith(prefix) ? value.slice(prefix.length) : value);

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/** A path as git writes it when it has control characters, `"` or `\`: C-quoted, octal escapes for raw bytes. */
function unquote(value: string): string {
  if (!value.startsWith('"') || !value.endsWith('"') || value.length < 2) return value;
  const bytes: number[] = [];
  // By code point, so a character outside the BMP is encoded whole.
  const chars = Array.from(value.slice(1, -1));
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char !== "\\") {
      bytes.push(...Buffer.from(char, "utf8"));
      continue;
    }
    const next = chars[i + 1] ?? "";
    const octal = chars.slice(i + 1, i + 4).join("");
    if (/^[0-7]{3}$/.test(octal)) {
      bytes.push(parseInt(octal, 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
