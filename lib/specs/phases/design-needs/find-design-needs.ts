import type { RequirementsOutput } from "@/lib/specs/phases/requirements-output";

/**
 * What the passed REQUIREMENTS ask of a design, read from each requirement's sentence and action:
 * - data: it stores, persists, saves or records something, or names a database;
 * - api: it exposes or calls an API, endpoint, route or webhook.
 * The rule is word-based on purpose (no guessing at meaning): the words are listed here and in the gate's message,
 * and a design that needs neither says so in its architecture (see findDesignWaivers).
 */
export interface DesignNeeds {
  data: string[];
  api: string[];
}

const DATA_WORDS = new Set([
  "store", "stores", "stored", "storing",
  "persist", "persists", "persisted", "persisting", "persistence",
  "save", "saves", "saved", "saving",
  "record", "records", "recorded", "recording",
  "database", "databases",
]);
const API_WORDS = new Set(["api", "apis", "endpoint", "endpoints", "route", "routes", "webhook", "webhooks"]);
/** The ids of at most this many requirements are named per need. */
const MAX_NAMED = 5;

export function findDesignNeeds(requirements: RequirementsOutput): DesignNeeds {
  const needs: DesignNeeds = { data: [], api: [] };
  for (const r of requirements.requirements.slice(0, 100)) {
    const words = lowerWords(`${r.text} ${r.action}`);
    if (needs.data.length < MAX_NAMED && words.some((w) => DATA_WORDS.has(w))) needs.data.push(r.id);
    if (needs.api.length < MAX_NAMED && words.some((w) => API_WORDS.has(w))) needs.api.push(r.id);
  }
  return needs;
}

/** Lowercase words of letters only (so "API's", "/api/v1" and "endpoint," all give their word). */
export function lowerWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  for (const char of text.slice(0, 20_000).toLowerCase()) {
    if (char >= "a" && char <= "z") word += char;
    else if (word) {
      words.push(word);
      word = "";
    }
  }
  if (word) words.push(word);
  return words;
}
