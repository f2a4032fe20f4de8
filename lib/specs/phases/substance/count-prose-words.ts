import { isPlaceholderToken } from "@/lib/specs/phases/substance/is-placeholder";

export interface ProseWords {
  /** Words with a letter or digit that are not placeholders. */
  real: number;
  /** TODO, TBD, "…" and the like. */
  placeholders: number;
  /** The first few placeholders as written, for the message. */
  samples: string[];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Prose is judged on its first 5,000 words: enough for any verdict, bounded for any input. */
const MAX_WORDS = 5000;

/** Counts the real and the placeholder words of prose (markdown headings and bullets count as neither). */
export function countProseWords(text: string): ProseWords {
  const result: ProseWords = { real: 0, placeholders: 0, samples: [] };
  let seen = 0;
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    if (++seen > MAX_WORDS) break;
    if (isPlaceholderToken(word)) {
      result.placeholders++;
      if (result.samples.length < 3) result.samples.push(word.slice(0, 20));
    } else if (hasWordChar(word)) result.real++;
  }
  return result;
}

function hasWordChar(word: string): boolean {
  for (const char of word) if (WORD_CHAR.test(char)) return true;
  return false;
}

/**
 * Mostly placeholders: at least 3, and at least a fifth of all words. A design that mentions "TODO comments" once
 * is fine; one that is a skeleton with TODOs where the decisions should be is not.
 */
export function isMostlyPlaceholders(words: ProseWords): boolean {
  return words.placeholders >= 3 && words.placeholders * 5 >= words.placeholders + words.real;
}
