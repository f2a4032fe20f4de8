import { designExample } from "@/lib/specs/phases/design-output";
import { exploreExample } from "@/lib/specs/phases/explore-output";
import { requirementsExample } from "@/lib/specs/phases/requirements-output";
import { tasksExample } from "@/lib/specs/phases/tasks-output";

const INDENT = "  ";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Where each field goes: the order the phases' own examples (written in the schemas' order) list them in. Stored
 * outputs are jsonb, which keeps keys by length, so "text" would come before "title" and "assumptions" before
 * "requirements". Fields no example has come after, as stored.
 */
const FIELD_ORDER: ReadonlyMap<string, number> = (() => {
  const order = new Map<string, number>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) {
      for (const [key, field] of Object.entries(value)) {
        if (!order.has(key)) order.set(key, order.size);
        visit(field);
      }
    }
  };
  [exploreExample, requirementsExample, designExample, tasksExample].forEach(visit);
  return order;
})();
const rank = (key: string) => FIELD_ORDER.get(key) ?? Number.MAX_SAFE_INTEGER;

/**
 * A phase's output as text a person reads, for comparing two revisions line by line: each field on its own line
 * under its name in words ("Acceptance criteria:"), list items as "- …", nested items indented, long text kept in
 * its own lines. Any JSON shape is accepted, so an output of an older schema still shows.
 */
export function phaseOutputText(output: unknown): string {
  return linesOf(output).join("\n");
}

function linesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.length === 0 ? ["(none)"] : value.flatMap(itemLines);
  if (isRecord(value)) {
    // A stable sort: unknown fields keep their stored order.
    const fields = Object.entries(value).sort(([a], [b]) => rank(a) - rank(b));
    return fields.flatMap(([key, field]) => fieldLines(labelOf(key), field));
  }
  return textLines(value);
}

/** "Label: value" when the value fits one line; else "Label:" with the value indented under it. */
function fieldLines(label: string, value: unknown): string[] {
  if (Array.isArray(value) && value.length === 0) return [`${label}: (none)`];
  if (!Array.isArray(value) && !isRecord(value)) {
    const lines = textLines(value);
    if (lines.length === 1) return [`${label}: ${lines[0]}`];
  }
  return [`${label}:`, ...linesOf(value).map((line) => INDENT + line)];
}

/** "- first line", the rest of the item indented under it. */
function itemLines(item: unknown): string[] {
  const [first = "", ...rest] = linesOf(item);
  return [`- ${first}`, ...rest.map((line) => INDENT + line)];
}

function textLines(value: unknown): string[] {
  if (value === null || value === undefined) return ["(none)"];
  const text = typeof value === "string" ? value : String(value);
  const lines = text.split(/\r?\n/).map((line) => line.trimEnd());
  return lines.length > 0 ? lines : [""];
}


const ACRONYMS: Record<string, string> = { id: "ID", api: "API", ears: "EARS", url: "URL" };

/** camelCase field names in words: "acceptanceCriteria" → "Acceptance criteria", "earsType" → "EARS type". */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => ACRONYMS[word] ?? word);
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
