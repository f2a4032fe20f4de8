import { z } from "zod";

/** One piece of an EARS sentence; keywords are emphasized when rendered. */
export interface EarsSegment {
  text: string;
  keyword: boolean;
}

const EARS_KEYWORDS = /\b(?:the\s+system\s+shall(?:\s+not)?|shall(?:\s+not)?|when|while|if|then|where)\b/gi;

/**
 * Splits a requirement into plain text and EARS keywords. Keywords count when written in capitals (the EARS
 * convention) or as the sentence's opening word, and "the system shall" in any case — so the "if" of "notify if
 * needed" is left alone.
 */
export function splitEars(text: string): EarsSegment[] {
  const segments: EarsSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(EARS_KEYWORDS)) {
    const word = match[0];
    const index = match.index;
    const isKeyword = word === word.toUpperCase() || /system/i.test(word) || text.slice(0, index).trim() === "";
    if (!isKeyword) continue;
    if (index > last) segments.push({ text: text.slice(last, index), keyword: false });
    segments.push({ text: word, keyword: true });
    last = index + word.length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), keyword: false });
  return segments;
}

export type CriterionState = "met" | "not_met" | "unknown";

/** `met` defaults to false in the database, so a criterion nobody has judged yet (no evidence) is unknown, not failed. */
export const criterionState = (criterion: { met: boolean; evidence: string | null }): CriterionState =>
  criterion.met ? "met" : criterion.evidence ? "not_met" : "unknown";

/** Tasks by SYNC's parallel wave (0 first); tasks without a wave yet come last. */
export function groupTasksByWave<T extends { wave: number | null }>(tasks: readonly T[]): { wave: number | null; tasks: T[] }[] {
  const groups = new Map<number | null, T[]>();
  for (const task of tasks) {
    const list = groups.get(task.wave) ?? [];
    list.push(task);
    groups.set(task.wave, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
    .map(([wave, list]) => ({ wave, tasks: list }));
}

// The design's JSON columns, read leniently: a malformed entry is dropped rather than breaking the tab.
const component = z.object({
  name: z.string(),
  responsibility: z.string().default(""),
  interfaces: z.array(z.string()).default([]),
  files: z.array(z.string()).default([]),
});
const dataModel = z.object({
  name: z.string(),
  fields: z.array(z.object({ name: z.string(), type: z.string(), notes: z.string().optional() })).default([]),
});
const endpoint = z.object({ method: z.string(), path: z.string(), description: z.string().default("") });

function listOf<T>(schema: z.ZodType<T>, value: unknown): T[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export const designComponents = (value: unknown) => listOf(component, value);
export const designDataModels = (value: unknown) => listOf(dataModel, value);
export const designEndpoints = (value: unknown) => listOf(endpoint, value);
export const stringList = (value: unknown) => listOf(z.string(), value);

/** errorHandling and securityNotes are stored one note per line. */
export const linesOf = (value: string | null | undefined) =>
  (value ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
