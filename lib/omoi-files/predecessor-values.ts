import { stringify } from "yaml";
import { hasContent } from "@/lib/omoi-files/check-unknown-fields";
import { PRIORITIES } from "@/lib/specs/phases/requirements-output";

/**
 * Small readers for the predecessor's (Python OmoiOS) frontmatter values, which are looser than ours: lowercase
 * priorities, sizes instead of hours, ids as lists or comma-separated text. Used by `omoi migrate`.
 */

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A scalar as text (numbers and booleans too); undefined for nothing, lists and mappings. */
export function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** A list of scalars as text; a single scalar or "a, b" text becomes a list too. */
export function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(asText).filter((v): v is string => v !== undefined);
  const text = asText(value);
  return text ? text.split(/\s*,\s*/).filter(Boolean) : [];
}

export type Priority = (typeof PRIORITIES)[number];

/** "medium", "High" → ours; anything else undefined. */
export function asPriority(value: unknown): Priority | undefined {
  const upper = asText(value)?.toUpperCase();
  return PRIORITIES.find((p) => p === upper);
}

/**
 * Hours for the predecessor's t-shirt sizes, used only when a task has no estimated_hours: its tasks were sized
 * 1–4 hours ("atomic"), S to L. The size itself is kept in the body as well.
 */
export const SIZE_HOURS: Record<string, number> = { XS: 0.5, S: 1, M: 2, L: 4, XL: 8 };

/** A number of hours from 3, "3", "3h", "2.5 hours". */
export function asHours(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  const match = /^(\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?)?$/i.exec(asText(value) ?? "");
  return match ? Number(match[1]) : undefined;
}

/** A spec key from free text ("User Auth" → "user-auth"), or undefined when nothing usable is left. */
export function slugify(value: unknown): string | undefined {
  const slug = (asText(value) ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "");
  return slug || undefined;
}

/** A value for a one-line report: ids joined, text cut at 80 characters. */
export function summarize(value: unknown): string {
  const text = Array.isArray(value) && value.every((v) => asText(v) !== undefined) ? value.join(", ") : (asText(value) ?? JSON.stringify(value));
  const line = text.replace(/\s+/g, " ");
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

export const PREDECESSOR_HEADING = "## Predecessor fields";

/**
 * The fields OmoiOS has no place for, as a section of the body: a YAML block with their values exactly as they
 * were, so nothing is lost and a person (or a later tool) can still read them. Empty fields are left out.
 */
export function predecessorSection(fields: Record<string, unknown>, heading = PREDECESSOR_HEADING): string {
  const kept = withContent(fields);
  if (Object.keys(kept).length === 0) return "";
  const yaml = stringify(kept, { lineWidth: 0 }).trimEnd();
  const fence = yaml.includes("```") ? "````" : "```";
  return `${heading}\n\nKept by \`omoi migrate\`: fields of the predecessor's format that OmoiOS has no field for.\n\n${fence}yaml\n${yaml}\n${fence}`;
}

/** A mapping without its empty entries (`blocks: []`), which say nothing worth keeping. */
export const withContent = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, value]) => hasContent(value)));

/** Markdown parts joined by blank lines, empty ones left out. */
export const joinParts = (...parts: (string | undefined)[]) => parts.map((part) => part?.trim()).filter(Boolean).join("\n\n");
