import { FieldReader, type MigratedFile, type MigrationContext, type MoveLog, type SourceFile } from "@/lib/omoi-files/migration-parts";
import { parseEarsSentence } from "@/lib/omoi-files/parse-ears-sentence";
import { CRITERIA_HEADING, renderCriteria } from "@/lib/omoi-files/parse-markdown-body";
import { asPriority, asText, joinParts, predecessorSection, type Priority } from "@/lib/omoi-files/predecessor-values";
import { extractBoldFields, extractCriteria, splitRequirementSections } from "@/lib/omoi-files/split-predecessor-body";

export interface MigratedRequirements {
  files: MigratedFile[];
  /** The document's own fields and intro, for spec.md (they describe all its requirements). */
  specSection?: string;
}

/**
 * A predecessor requirements document (`requirements/{feature}.md`: frontmatter `id, title, feature, status,
 * category, priority, prd_ref, design_ref`, and one `### REQ-…: Title` section per requirement with its EARS
 * sentence and `**Acceptance Criteria**:` checklist) as one requirement file per requirement. A document without
 * sections is one requirement.
 */
export function migrateRequirementDoc(source: SourceFile, ctx: MigrationContext, log: MoveLog): MigratedRequirements {
  const fields = new FieldReader(source.data);
  const { intro, sections } = splitRequirementSections(source.body);
  if (sections.length === 0) {
    const id = asText(fields.take("id")) ?? "";
    const title = asText(fields.take("title")) ?? id;
    const priority = takePriority(fields, log);
    const file = requirementFile({ id, title, body: source.body, priority, fields }, ctx, log);
    return { files: [file] };
  }
  const priority = takePriority(fields, log);
  const files = sections.map((section) => requirementFile({ ...section, title: section.title || section.id, priority, fields: new FieldReader({}) }, ctx, log));
  const rest = fields.rest();
  for (const field of Object.keys(rest)) log.moved(field, `spec.md "## From ${source.relPath}"`, rest[field]);
  if (intro) log.moved("text before the first requirement", `spec.md "## From ${source.relPath}"`);
  const specSection = joinParts(`## From ${source.relPath}`, "The predecessor's requirements document these requirements were in.", intro, predecessorSection(rest, "### Its fields"));
  return { files, specSection };
}

/** The document's priority (every requirement's default); MEDIUM, said so, when it has none we know. */
function takePriority(fields: FieldReader, log: MoveLog): Priority | undefined {
  const raw = fields.take("priority");
  const priority = asPriority(raw);
  if (!priority) fields.keep("priority", raw);
  else if (asText(raw) !== priority) log.moved("priority", "priority", priority);
  return priority;
}

interface RequirementSource {
  id: string;
  title: string;
  body: string;
  priority: Priority | undefined;
  /** Frontmatter fields left for this requirement's body (a one-requirement document's). */
  fields: FieldReader;
}

function requirementFile({ id: oldId, title, body, priority, fields }: RequirementSource, ctx: MigrationContext, log: MoveLog): MigratedFile {
  const id = ctx.requirementIds.get(oldId) ?? oldId;
  const { criteria, rest: withoutCriteria } = extractCriteria(body);
  const bold = extractBoldFields(withoutCriteria);
  const ownPriority = asPriority(bold.fields.priority);
  if (ownPriority) delete bold.fields.priority;
  const leftovers: Record<string, unknown> = { ...(id !== oldId ? { id: oldId } : {}), ...fields.rest(), ...bold.fields };
  if (id !== oldId) log.moved(oldId, `requirements/${id}.md`, `id ${id} (ids are REQ-<AREA>-<NNN>)`);
  else log.moved(oldId, `requirements/${id}.md`);
  const { id: _renamed, ...kept } = leftovers;
  log.keptInBody(kept);

  // The EARS sentence is the first paragraph that says SHALL (or MUST); other text stays after it.
  const paragraphs = bold.rest.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const at = Math.max(paragraphs.findIndex((p) => /\b(?:SHALL|MUST)\b/i.test(p) && !p.startsWith("#")), 0);
  const sentence = (paragraphs[at] ?? "").replace(/\s*\n\s*/g, " ");
  const notes = paragraphs.filter((_, i) => i !== at).join("\n\n");
  const ears = parseEarsSentence(sentence);
  if (!sentence) log.note(`${id}: no requirement sentence found; write it (WHEN …, THE SYSTEM SHALL …)`);
  if (!ownPriority && !priority) log.note(`${id}: priority MEDIUM (the predecessor gave none)`);

  const frontmatter = { id, title, earsType: ears.earsType, condition: ears.condition || undefined, action: ears.action || undefined, priority: ownPriority ?? priority ?? "MEDIUM" };
  const text = joinParts(sentence, notes, predecessorSection(leftovers));
  const checklist = criteria.length ? `\n\n${CRITERIA_HEADING}\n\n${renderCriteria(criteria.map((c) => c.text), criteria.map((c) => c.checked))}` : "";
  return { relPath: `requirements/${id}.md`, frontmatter, body: `${text}${checklist}` };
}
