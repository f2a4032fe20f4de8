import type { z } from "zod";
import {
  designFileSchema,
  requirementFileSchema,
  specFileSchema,
  taskFileSchema,
  ticketFileSchema,
  type DesignFile,
  type RequirementFile,
  type SpecFile,
  type TaskFile,
  type TicketFile,
} from "@/lib/omoi-files/omoi-file-schemas";
import { describeUnknownField, findDroppedFields } from "@/lib/omoi-files/check-unknown-fields";
import { parseFrontmatter, type Diagnostic } from "@/lib/omoi-files/parse-frontmatter";
import { CRITERIA_HEADING, parseCriteriaBody } from "@/lib/omoi-files/parse-markdown-body";

interface Parsed<K extends string, T> {
  kind: K;
  /** Path inside `.omoi_os/` ("tasks/TSK-001.md"); what the server's messages name. */
  relPath: string;
  /** Path as the user sees it, for `file:line` messages. */
  display: string;
  /** The item, when the file is valid. */
  item?: T;
  /** Checked boxes of the criteria (requirements), which pull writes and push ignores. */
  checked?: boolean[];
  /** The line of a field of the item (frontmatter or body), for messages about it. */
  lineOf(path: readonly PropertyKey[]): number;
  diagnostics: Diagnostic[];
}

export type ParsedOmoiFile =
  | Parsed<"spec", SpecFile>
  | Parsed<"requirement", RequirementFile>
  | Parsed<"design", DesignFile>
  | Parsed<"task", TaskFile>
  | Parsed<"ticket", TicketFile>;
export type OmoiItemKind = ParsedOmoiFile["kind"];

const SCHEMAS = { spec: specFileSchema, requirement: requirementFileSchema, design: designFileSchema, task: taskFileSchema, ticket: ticketFileSchema };
/** Fields that come from the body, per kind; every other field of the schema is frontmatter. */
const BODY_FIELDS: Record<OmoiItemKind, readonly string[]> = {
  spec: ["description"],
  requirement: ["text", "acceptanceCriteria"],
  design: ["architecture"],
  task: ["description", "acceptanceCriteria"],
  ticket: ["description"],
};
const KIND_OF_FOLDER: Record<string, OmoiItemKind> = { requirements: "requirement", designs: "design", tasks: "task", tickets: "ticket" };

/** The kind of a file from its place in `.omoi_os/`, or null for a file the CLI does not read. */
export function kindOfPath(relPath: string): OmoiItemKind | null {
  if (relPath === "spec.md") return "spec";
  const [folder, name, ...rest] = relPath.split("/");
  if (rest.length > 0 || !name?.endsWith(".md")) return null;
  return KIND_OF_FOLDER[folder ?? ""] ?? null;
}

/**
 * Parses one `.omoi_os/` file with the app's zod schema for its kind: errors carry the line of the field at fault.
 * Nothing is dropped silently: an unknown field with content, at the top or nested, is an error naming where it
 * belongs (an empty one a warning). Nothing throws: whatever fails is this file's diagnostic.
 */
export function parseOmoiFile(relPath: string, text: string, display = relPath): ParsedOmoiFile | null {
  const kind = kindOfPath(relPath);
  if (!kind) return null;
  try {
    return parseKnownFile(kind, relPath, text, display);
  } catch (error) {
    const message = `could not be read: ${(error as Error).message.split("\n")[0]}`;
    return { kind, relPath, display, diagnostics: [{ file: display, line: 1, message, severity: "error" }], lineOf: () => 1 } as ParsedOmoiFile;
  }
}

function parseKnownFile(kind: OmoiItemKind, relPath: string, text: string, display: string): ParsedOmoiFile {
  const { frontmatter, diagnostics } = parseFrontmatter(text, display);
  const result = { kind, relPath, display, diagnostics, lineOf: () => 1 } as ParsedOmoiFile;
  if (!frontmatter) return result;

  const schema = SCHEMAS[kind] as z.ZodObject;
  const bodyFields = BODY_FIELDS[kind];
  const known = new Set(Object.keys(schema.shape).filter((field) => !bodyFields.includes(field)));
  const warn = (line: number, message: string) => diagnostics.push({ file: display, line, message, severity: "warning" });
  const fail = (line: number, message: string) => diagnostics.push({ file: display, line, message, severity: "error" });

  const candidate: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(frontmatter.data)) {
    if (known.has(field)) candidate[field] = value;
    else diagnostics.push({ file: display, line: frontmatter.lineOf([field]), ...describeUnknownField(kind, field, value, known) });
  }

  const bodyLines: Record<string, number> = {};
  if (kind === "requirement" || kind === "task") {
    const parsed = parseCriteriaBody(frontmatter.body, frontmatter.bodyLine);
    candidate[kind === "requirement" ? "text" : "description"] = parsed.text;
    candidate.acceptanceCriteria = parsed.criteria.map((c) => c.text);
    bodyLines.text = bodyLines.description = parsed.textLine;
    bodyLines.acceptanceCriteria = parsed.criteriaLine;
    parsed.criteria.forEach((c, i) => (bodyLines[`acceptanceCriteria.${i}`] = c.line));
    for (const stray of parsed.stray) {
      fail(stray.line, `"${stray.text.slice(0, 60)}" under ${CRITERIA_HEADING} is not a list item ("- [ ] …"); move notes above the heading`);
    }
    if (kind === "requirement") result.checked = parsed.criteria.map((c) => c.checked);
  } else {
    candidate[bodyFields[0]!] = frontmatter.body.trim();
    bodyLines[bodyFields[0]!] = frontmatter.bodyLine;
  }

  result.lineOf = (path) => {
    const [head, index] = path;
    if (typeof head === "string" && bodyFields.includes(head)) return bodyLines[`${head}.${String(index)}`] ?? bodyLines[head] ?? frontmatter.bodyLine;
    return frontmatter.lineOf(path);
  };

  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fail(result.lineOf(issue.path), describeIssue(kind, issue));
    return result;
  }
  // The known content is valid, so the item stands (references to it still resolve); what the schema would strip
  // inside it is reported, so the file is refused until nothing is lost.
  result.item = parsed.data as never;
  for (const dropped of findDroppedFields(candidate, parsed.data)) diagnostics.push({ file: display, line: result.lineOf(dropped.path), ...dropped.report });
  const id = (parsed.data as { id?: string }).id;
  const name = relPath.split("/").pop()!;
  if (kind !== "spec" && kind !== "design" && id && !name.startsWith(id)) {
    warn(frontmatter.lineOf(["id"]), `the file name does not start with its id ${id} (pull writes ${relPath.split("/")[0]}/${id}.md)`);
  }
  return result;
}

function describeIssue(kind: OmoiItemKind, issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join(".") || "frontmatter";
  const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
  const bodyField = BODY_FIELDS[kind].includes(String(issue.path[0]));
  if (bodyField && issue.path.length === 1 && (missing || issue.code === "too_small")) {
    if (kind === "requirement" && field === "text") return `the body needs the requirement's EARS sentence (before ${CRITERIA_HEADING})`;
    if (field === "acceptanceCriteria") return `add at least one "- [ ] …" item under ${CRITERIA_HEADING}`;
    const minimum = issue.code === "too_small" && Number(issue.minimum) > 1 ? ` or shorter than ${String(issue.minimum)} characters` : "";
    return `the body (the ${field}) is empty${minimum}`;
  }
  if (missing) return `${field}: required field is missing`;
  return `${field}: ${issue.message}`;
}
