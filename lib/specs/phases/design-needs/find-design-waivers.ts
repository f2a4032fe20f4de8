import { lowerWords } from "@/lib/specs/phases/design-needs/find-design-needs";

/**
 * Where a design's architecture says, in so many words, that no data model or no endpoint changes. The rule:
 * "no" or "without" followed within four words by one of the nouns of the kind ("no new data model",
 * "no schema change", "without a migration", "no new endpoint", "no API changes"), or such a noun followed within
 * four words by "unchanged" ("the data model is unchanged", "the API stays unchanged").
 */
export interface DesignWaivers {
  data: boolean;
  api: boolean;
}

const DATA_NOUNS = new Set(["model", "models", "schema", "schemas", "table", "tables", "migration", "migrations", "database", "column", "columns", "persistence", "storage"]);
const API_NOUNS = new Set(["endpoint", "endpoints", "route", "routes", "api", "apis", "webhook", "webhooks"]);
const NEGATIONS = new Set(["no", "without"]);
const WINDOW = 4;

export function findDesignWaivers(architecture: string): DesignWaivers {
  const words = lowerWords(architecture);
  const waivers: DesignWaivers = { data: false, api: false };
  for (let i = 0; i < words.length && !(waivers.data && waivers.api); i++) {
    const word = words[i]!;
    if (NEGATIONS.has(word)) {
      for (let j = i + 1; j <= i + WINDOW && j < words.length; j++) mark(waivers, words[j]!);
    } else if (word === "unchanged") {
      for (let j = Math.max(0, i - WINDOW); j < i; j++) mark(waivers, words[j]!);
    }
  }
  return waivers;
}

function mark(waivers: DesignWaivers, word: string) {
  if (DATA_NOUNS.has(word)) waivers.data = true;
  if (API_NOUNS.has(word)) waivers.api = true;
}
