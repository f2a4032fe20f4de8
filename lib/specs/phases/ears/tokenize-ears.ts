/**
 * The tokens of an EARS sentence: words, `code spans` and clause separators (comma, semicolon). One pass over the
 * text, no regex over the sentence, so the recogniser's cost is linear in its length whatever the model wrote.
 */
export interface EarsToken {
  kind: "word" | "code" | "comma";
  /** Offsets into the sentence, so parts are reported as written (case, backticks, possessives kept). */
  start: number;
  end: number;
  /** Lowercased word without surrounding quotes, brackets, emphasis or end punctuation; "" for code and commas. */
  key: string;
}

/** Clause openers of EARS. */
export const CLAUSE_KEYWORDS = new Set(["when", "while", "if", "where"]);
/** Words that structure an EARS sentence; one repeated back to back is keyword soup. */
export const STRUCTURAL_KEYWORDS = new Set(["when", "while", "if", "where", "then", "shall"]);
/** Words that carry no content of their own (a clause or response of only these says nothing). */
export const FUNCTION_WORDS = new Set(["the", "a", "an", "not", "and", "or", ...STRUCTURAL_KEYWORDS]);
export const ARTICLES = new Set(["the", "a", "an"]);

/** Enough for any real requirement; a longer text is judged on its first tokens only (bounded work). */
export const MAX_TOKENS = 1500;

const LEADING = new Set(['"', "'", "(", "[", "*", "_", "“", "‘", "«"]);
const TRAILING = new Set(['"', "'", ")", "]", "*", "_", "”", "’", "»", ".", ":", "!", "?"]);

export function tokenizeEars(text: string): EarsToken[] {
  const tokens: EarsToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && tokens.length < MAX_TOKENS) {
    const char = text[i]!;
    if (isSpace(char)) {
      i++;
    } else if (char === "," || char === ";") {
      tokens.push({ kind: "comma", start: i, end: i + 1, key: "" });
      i++;
    } else if (char === "`") {
      const close = text.indexOf("`", i + 1);
      const end = close < 0 ? n : close + 1;
      tokens.push({ kind: "code", start: i, end, key: "" });
      i = end;
    } else {
      const start = i;
      while (i < n && !isSpace(text[i]!) && text[i] !== "," && text[i] !== ";" && text[i] !== "`") i++;
      tokens.push({ kind: "word", start, end: i, key: wordKey(text.slice(start, i)) });
    }
  }
  return tokens;
}

function wordKey(word: string): string {
  let from = 0;
  let to = word.length;
  while (from < to && LEADING.has(word[from]!)) from++;
  while (to > from && TRAILING.has(word[to - 1]!)) to--;
  return word.slice(from, to).toLowerCase();
}

function isSpace(char: string): boolean {
  return char === " " || char === "\n" || char === "\t" || char === "\r" || char === "\u00a0" || char === "\f" || char === "\v";
}

/** A token that says something: code, or a word with a letter or digit that is not a function word or excluded. */
export function isContentToken(token: EarsToken, excluded?: ReadonlySet<string>): boolean {
  if (token.kind === "code") return true;
  if (token.kind !== "word" || FUNCTION_WORDS.has(token.key) || excluded?.has(token.key)) return false;
  for (const char of token.key) if (isLetterOrDigit(char)) return true;
  return false;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
function isLetterOrDigit(char: string): boolean {
  return LETTER_OR_DIGIT.test(char);
}
