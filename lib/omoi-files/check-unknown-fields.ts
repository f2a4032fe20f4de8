import type { Diagnostic } from "@/lib/omoi-files/parse-frontmatter";
import { homeOfField, homeOfNestedField } from "@/lib/omoi-files/field-homes";
import type { OmoiItemKind } from "@/lib/omoi-files/parse-omoi-file";

/** Whether a value says anything: not null, not blank text, not a list or mapping of nothing. */
export function hasContent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.some(hasContent);
  if (typeof value === "object") return Object.values(value).some(hasContent);
  return true;
}

type Report = Pick<Diagnostic, "message" | "severity">;

/**
 * An unknown top-level field: with content it is an error (a push would drop it), naming where the content
 * belongs when that is obvious; empty, only a warning.
 */
export function describeUnknownField(kind: OmoiItemKind, field: string, value: unknown, known: Iterable<string>): Report {
  if (!hasContent(value)) return { severity: "warning", message: `unknown field "${field}" is empty and ignored` };
  return { severity: "error", message: lostMessage(`unknown field "${field}"`, homeOfField(kind, field, known)) };
}

/**
 * Fields inside lists and mappings that the schema would drop without a word (zod strips unknown keys): every key
 * of `input` that `output`, the parsed value, does not have. Returns their paths with a message each.
 */
export function findDroppedFields(input: unknown, output: unknown, path: (string | number)[] = []): { path: (string | number)[]; report: Report }[] {
  const found: { path: (string | number)[]; report: Report }[] = [];
  // Iterative, as deep as the (bounded) YAML goes.
  const pending: { input: unknown; output: unknown; path: (string | number)[] }[] = [{ input, output, path }];
  while (pending.length > 0) {
    const at = pending.pop()!;
    if (Array.isArray(at.input) && Array.isArray(at.output)) {
      at.input.forEach((item, i) => pending.push({ input: item, output: (at.output as unknown[])[i], path: [...at.path, i] }));
    } else if (isRecord(at.input) && isRecord(at.output)) {
      for (const [key, value] of Object.entries(at.input)) {
        const fieldPath = [...at.path, key];
        if (key in at.output) pending.push({ input: value, output: at.output[key], path: fieldPath });
        else found.push({ path: fieldPath, report: describeDropped(fieldPath, value) });
      }
    }
  }
  return found.sort((a, b) => a.path.join(".").localeCompare(b.path.join(".")));
}

function describeDropped(path: (string | number)[], value: unknown): Report {
  const name = path.map(String).join(".");
  if (!hasContent(value)) return { severity: "warning", message: `${name}: unknown field, empty and ignored` };
  return { severity: "error", message: lostMessage(`${name}: unknown field`, homeOfNestedField(path)) };
}

function lostMessage(what: string, home: string | undefined): string {
  if (home?.startsWith("no field")) return `${what}: its content would be lost (${home})`;
  if (home) return `${what}: its content would be lost; it belongs in ${home}`;
  return `${what}: its content would be lost; move it into the body, or remove it`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
