/**
 * Placeholders: what a model writes when it has nothing to say (TBD, TODO, "…", "N/A", "-", "?"). Judged on a
 * normalised form (lowercase, no surrounding punctuation), never with a regex over the whole text.
 */
const PLACEHOLDER_TEXTS = new Set([
  "tbd",
  "tba",
  "tbc",
  "todo",
  "to do",
  "fixme",
  "xxx",
  "n/a",
  "na",
  "none",
  "nil",
  "null",
  "placeholder",
  "lorem ipsum",
  "etc",
  "to be determined",
  "to be defined",
  "to be decided",
  "to be confirmed",
  "criterion",
  "acceptance criterion",
  "same as above",
]);
/** Words that mark a text as unfinished when it starts with them ("TODO: write the criteria"). */
const PLACEHOLDER_OPENERS = new Set(["tbd", "tba", "todo", "fixme", "xxx", "placeholder"]);
/** Placeholder words inside prose (the architecture): counted against the real words. */
const PLACEHOLDER_TOKENS = new Set(["tbd", "tba", "tbc", "todo", "fixme", "xxx", "placeholder", "lorem", "ipsum", "…", "...", "n/a"]);

const EDGE = new Set([".", ",", ";", ":", "!", "?", "-", "–", "—", "*", "_", "#", "`", '"', "'", "(", ")", "[", "]", "<", ">", "…", "/", "\\", "|", "~", "="]);

/** Lowercase, whitespace collapsed, surrounding punctuation removed; "" for text of punctuation only. */
export function normaliseText(text: string): string {
  const lower = text.slice(0, 2000).toLowerCase();
  let from = 0;
  let to = lower.length;
  while (from < to && (EDGE.has(lower[from]!) || isBlank(lower[from]!))) from++;
  while (to > from && (EDGE.has(lower[to - 1]!) || isBlank(lower[to - 1]!))) to--;
  let out = "";
  let space = false;
  for (let i = from; i < to; i++) {
    const char = lower[i]!;
    if (isBlank(char)) space = true;
    else {
      if (space && out) out += " ";
      out += char;
      space = false;
    }
  }
  return out;
}

/** Whether a criterion (or any short field) is blank, punctuation only, or a placeholder word. */
export function isPlaceholderText(text: string): boolean {
  const normal = normaliseText(text);
  if (normal === "" || PLACEHOLDER_TEXTS.has(normal)) return true;
  const firstSpace = normal.indexOf(" ");
  const first = firstSpace < 0 ? normal : normal.slice(0, firstSpace);
  return PLACEHOLDER_OPENERS.has(trimWordEdges(first));
}

/** Whether one whitespace-separated word of prose is a placeholder ("TODO", "TBD.", "…"). */
export function isPlaceholderToken(word: string): boolean {
  const lower = word.toLowerCase();
  if (PLACEHOLDER_TOKENS.has(lower)) return true;
  const trimmed = trimWordEdges(lower);
  return trimmed !== "" && PLACEHOLDER_TOKENS.has(trimmed);
}

function trimWordEdges(word: string): string {
  let from = 0;
  let to = word.length;
  while (from < to && EDGE.has(word[from]!)) from++;
  while (to > from && EDGE.has(word[to - 1]!)) to--;
  return word.slice(from, to);
}

function isBlank(char: string): boolean {
  return char === " " || char === "\n" || char === "\t" || char === "\r" || char === "\u00a0" || char === "\f" || char === "\v";
}
