/**
 * Compiles a glob (`*`, `?`, `[abc]`, `{a,b}`, `**` for any number of directories) into a matcher of
 * `/`-separated relative paths. With `matchBase`, a pattern without a slash is matched against the file name
 * alone, as ripgrep and .gitignore do (`*.ts` finds TypeScript files at any depth).
 */
export function compileGlob(pattern: string, options: { matchBase?: boolean } = {}): (relativePath: string) => boolean {
  const regexes = expandBraces(pattern).map((alternative) => new RegExp(`^${globToRegExpSource(alternative)}$`));
  const baseOnly = options.matchBase === true && !pattern.includes("/");
  return (relativePath) => {
    const subject = baseOnly ? relativePath.slice(relativePath.lastIndexOf("/") + 1) : relativePath;
    return regexes.some((regex) => regex.test(subject));
  };
}

/** `a.{ts,tsx}` → `a.ts`, `a.tsx` (nested braces too; at most 256 alternatives). */
export function expandBraces(pattern: string, depth = 0): string[] {
  if (depth > 8) return [pattern];
  let open = -1;
  let level = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "{") {
      if (level === 0) open = i;
      level++;
    } else if (c === "}" && level > 0) {
      level--;
      if (level === 0) {
        const options = splitTopLevel(pattern.slice(open + 1, i));
        if (options.length < 2) continue;
        const before = pattern.slice(0, open);
        const after = pattern.slice(i + 1);
        return options.flatMap((option) => expandBraces(before + option + after, depth + 1)).slice(0, 256);
      }
    }
  }
  return [pattern];
}

function splitTopLevel(inner: string): string[] {
  const parts: string[] = [];
  let level = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === "{") level++;
    else if (c === "}") level--;
    else if (c === "," && level === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts;
}

function globToRegExpSource(glob: string): string {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      const starts = i === 0 || glob[i - 1] === "/";
      if (glob[i + 1] === "*" && starts && glob[i + 2] === "/") {
        source += "(?:.*/)?";
        i += 2;
      } else if (glob[i + 1] === "*" && starts && i + 2 === glob.length) {
        source += ".*";
        i += 1;
      } else {
        source += "[^/]*";
        while (glob[i + 1] === "*") i++;
      }
    } else if (c === "?") {
      source += "[^/]";
    } else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close === -1) {
        source += "\\[";
      } else {
        let set = glob.slice(i + 1, close).replace(/\\/g, "\\\\");
        if (set.startsWith("!")) set = `^${set.slice(1)}`;
        source += `[${set}]`;
        i = close;
      }
    } else {
      source += c.replace(/[.+^${}()|\\\]]/g, "\\$&");
    }
  }
  return source;
}
