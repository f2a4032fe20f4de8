import type { EARS_TYPES } from "@/lib/specs/phases/requirements-output";
import { ARTICLES, CLAUSE_KEYWORDS, STRUCTURAL_KEYWORDS, isContentToken, tokenizeEars, type EarsToken } from "@/lib/specs/phases/ears/tokenize-ears";

export type EarsType = (typeof EARS_TYPES)[number];
export type ClauseKeyword = "when" | "while" | "if" | "where";

export interface EarsClause {
  keyword: ClauseKeyword;
  /** The trigger, state, condition or feature, as written. */
  text: string;
}

export interface EarsParts {
  clauses: EarsClause[];
  /** The system as written, without its article ("control system", "`omoi` CLI", "OmoiOS"). */
  system: string;
  /** Whether the sentence put THE (or A/AN) before the system. */
  hasArticle: boolean;
  negated: boolean;
  /** What the system shall (not) do, as written, without the final full stop. */
  response: string;
  /** The last clause ran into the system without its comma (read from the system's article). */
  commaMissing?: boolean;
}

export type EarsRecognition =
  | ({ ok: true; type: EarsType } & EarsParts)
  | { ok: false; code: "ears_form" | "keyword_soup"; reason: string; partial: Partial<EarsParts> };

/** Longer than this before SHALL is a clause that lost its comma, not the name of a system. */
const MAX_SYSTEM_TOKENS = 10;
const TYPE_OF: Record<ClauseKeyword, EarsType> = { when: "event_driven", while: "state_driven", if: "unwanted", where: "optional" };

/**
 * Recognises one EARS sentence (Mavin's templates and Kiro's WHEN/IF … THEN form) and returns its type and parts,
 * or why it is not one. The parse anchors on the first SHALL: the system is what stands between it and the last
 * separator before it (a comma, THEN, or the start), the clauses are what comes before that separator, the
 * response what follows. Every step is a bounded walk over the tokens, so any input costs linear time.
 */
export function recogniseEars(sentence: string): EarsRecognition {
  const text = sentence.trim();
  const tokens = tokenizeEars(text);
  const slice = (from: number, to: number) => (from > to ? "" : stripFullStop(text.slice(tokens[from]!.start, tokens[to]!.end)));
  const fail = (code: "ears_form" | "keyword_soup", reason: string, partial: Partial<EarsParts> = {}): EarsRecognition => ({ ok: false, code, reason, partial });
  if (tokens.length === 0) return fail("ears_form", "the sentence is empty");

  for (let i = 1; i < tokens.length; i++) {
    const key = tokens[i]!.key;
    if (STRUCTURAL_KEYWORDS.has(key) && tokens[i - 1]!.key === key) return fail("keyword_soup", `"${key.toUpperCase()} ${key.toUpperCase()}": a keyword repeats`);
  }

  const shall = tokens.findIndex((t) => t.key === "shall");
  if (shall < 0) return fail("ears_form", "there is no SHALL; an EARS requirement says what THE <system> SHALL do");
  const negated = tokens[shall + 1]?.key === "not";
  const responseStart = shall + (negated ? 2 : 1);

  // The system: back from SHALL to the nearest separator. WHEN/WHILE/IF/WHERE only open a clause at the start or
  // after a comma; elsewhere they are ordinary words ("the page where users sign in shall …").
  const opensClause = (i: number) => CLAUSE_KEYWORDS.has(tokens[i]!.key) && (i === 0 || tokens[i - 1]!.kind === "comma");
  let boundary = shall - 1;
  while (boundary >= 0 && tokens[boundary]!.kind !== "comma" && !opensClause(boundary) && tokens[boundary]!.key !== "then") boundary--;
  // A clause that runs into SHALL without its comma ("When the build fails the CI system shall …") is still read when
  // THE marks where the system starts: the last THE within reach of SHALL (A/AN too often belong to the clause).
  // Without one it is refused.
  let systemFrom = boundary + 1;
  let clauseEnd = boundary - 1;
  let commaMissing = false;
  if (boundary >= 0 && CLAUSE_KEYWORDS.has(tokens[boundary]!.key)) {
    let article = shall - 1;
    while (article > boundary + 1 && shall - article <= MAX_SYSTEM_TOKENS && tokens[article]!.key !== "the") article--;
    if (article > boundary + 1 && article < shall - 1 && tokens[article]!.key === "the") {
      systemFrom = article;
      clauseEnd = article - 1;
      commaMissing = true;
    }
  }
  const systemTokens = tokens.slice(systemFrom, shall);
  const hasArticle = systemTokens.length > 0 && ARTICLES.has(systemTokens[0]!.key);
  const nameFrom = systemFrom + (hasArticle ? 1 : 0);
  const system = slice(nameFrom, shall - 1);
  const systemWords = new Set(tokens.slice(nameFrom, shall).map((t) => t.key));
  const response = slice(responseStart, tokens.length - 1);
  const partial: Partial<EarsParts> = { negated, ...(response ? { response } : {}) };

  const responseProblem = judgeResponse(tokens, responseStart, systemWords);
  if (responseProblem) return fail(responseProblem.code, responseProblem.reason, { ...partial, system, hasArticle });

  const opener = boundary >= 0 && !commaMissing ? tokens[boundary]! : undefined;
  if (opener && CLAUSE_KEYWORDS.has(opener.key)) {
    // For the suggested rewrite: the system most likely starts at the last THE of the run-on clause.
    let the = shall - 1;
    while (the > boundary + 1 && tokens[the]!.key !== "the") the--;
    if (the > boundary + 1 && the < shall - 1) {
      Object.assign(partial, { clauses: [{ keyword: opener.key as ClauseKeyword, text: slice(boundary + 1, the - 1) }], system: slice(the + 1, shall - 1), hasArticle: true });
    }
    return fail("ears_form", `the ${opener.key.toUpperCase()} clause runs into SHALL; end it with a comma (or THEN) before the system`, partial);
  }
  if (systemTokens.length === 0) return fail("ears_form", "name the system before SHALL (THE <system> SHALL …)", partial);
  if (!systemTokens.some((t) => isContentToken(t))) return fail("keyword_soup", `"${slice(systemFrom, shall - 1)}" is not the name of a system`, partial);
  if (systemTokens.length > MAX_SYSTEM_TOKENS) {
    return fail("ears_form", `${systemTokens.length} words before SHALL are not a system name; put the condition first and end it with a comma`, partial);
  }
  Object.assign(partial, { system, hasArticle });
  if (boundary < 0) return { ok: true, type: "ubiquitous", clauses: [], system, hasArticle, negated, response };

  // What comes before the separator: one or more clauses, each opened by WHEN / WHILE / IF / WHERE.
  let regionEnd = clauseEnd;
  while (regionEnd >= 0 && (tokens[regionEnd]!.kind === "comma" || tokens[regionEnd]!.key === "then")) regionEnd--;
  if (regionEnd < 0) return fail("ears_form", "nothing comes before the separator; state the condition", partial);
  if (!CLAUSE_KEYWORDS.has(tokens[0]!.key)) {
    return fail("ears_form", `it starts with "${slice(0, 0)}"; begin with WHEN, WHILE, IF or WHERE <condition>, or with THE <system> SHALL`, partial);
  }
  const clauses = parseClauses(tokens, regionEnd, slice);
  if (!clauses.ok) return fail(clauses.code, clauses.reason, partial);
  const type = clauses.clauses.length === 1 ? TYPE_OF[clauses.clauses[0]!.keyword] : "complex";
  return { ok: true, type, clauses: clauses.clauses, system, hasArticle, negated, response, ...(commaMissing ? { commaMissing } : {}) };
}

type ClausesResult = { ok: true; clauses: EarsClause[] } | { ok: false; code: "ears_form" | "keyword_soup"; reason: string };

/** Tokens 0..end are clauses; a new clause starts at a clause keyword right after a comma. */
function parseClauses(tokens: EarsToken[], end: number, slice: (from: number, to: number) => string): ClausesResult {
  const clauses: EarsClause[] = [];
  let start = 0;
  for (let i = 1; i <= end + 1; i++) {
    const closes = i === end + 1 || (tokens[i]!.kind === "comma" && CLAUSE_KEYWORDS.has(tokens[i + 1]?.key ?? "") && i + 1 <= end);
    if (!closes) continue;
    const keyword = tokens[start]!.key as ClauseKeyword;
    let last = i - 1;
    while (last > start && tokens[last]!.kind === "comma") last--;
    const body = tokens.slice(start + 1, last + 1);
    if (body.length === 0) return { ok: false, code: "ears_form", reason: `the ${keyword.toUpperCase()} clause is empty; name the ${conditionNoun(keyword)}` };
    if (!body.some((t) => isContentToken(t))) {
      return { ok: false, code: "keyword_soup", reason: `the ${keyword.toUpperCase()} clause "${slice(start + 1, last)}" names no ${conditionNoun(keyword)}` };
    }
    clauses.push({ keyword, text: slice(start + 1, last) });
    start = i + 1;
    i = start;
  }
  return { ok: true, clauses };
}

/**
 * The response must say something: not start with a keyword, and every part of it (split at any further SHALL)
 * must hold a word that is neither a keyword nor the system's own name.
 */
function judgeResponse(tokens: EarsToken[], from: number, systemWords: ReadonlySet<string>): { code: "ears_form" | "keyword_soup"; reason: string } | null {
  if (from >= tokens.length) return { code: "ears_form", reason: "nothing follows SHALL; say what the system does" };
  const first = tokens[from]!;
  if (STRUCTURAL_KEYWORDS.has(first.key)) return { code: "keyword_soup", reason: `SHALL is followed by ${first.key.toUpperCase()}, not by what the system does` };
  let content = false;
  for (let i = from; i <= tokens.length; i++) {
    if (i === tokens.length || tokens[i]!.key === "shall") {
      if (!content) return { code: "keyword_soup", reason: "what follows SHALL names no action, only keywords and the system" };
      content = false;
    } else if (!content && isContentToken(tokens[i]!, systemWords)) {
      content = true;
    }
  }
  return null;
}

function conditionNoun(keyword: ClauseKeyword): string {
  return { when: "trigger", while: "state", if: "condition", where: "feature" }[keyword];
}

function stripFullStop(part: string): string {
  return part.endsWith(".") && !part.endsWith("..") ? part.slice(0, -1).trimEnd() : part.trimEnd();
}
