import { FieldReader, type MigratedFile, type MigrationContext, type MoveLog, type SourceFile } from "@/lib/omoi-files/migration-parts";
import { CRITERIA_HEADING, renderCriteria } from "@/lib/omoi-files/parse-markdown-body";
import { SIZE_HOURS, asHours, asList, asPriority, asText, isRecord, joinParts, predecessorSection, withContent } from "@/lib/omoi-files/predecessor-values";
import { extractCriteria } from "@/lib/omoi-files/split-predecessor-body";

/**
 * A predecessor task (`id, title, parent_ticket, estimate: S|M|L, estimated_hours, files_to_create/modify,
 * dependencies: {depends_on, blocks}, requirements, …` and a body with an Acceptance Criteria section) as ours.
 */
export function migrateTaskFile(source: SourceFile, ctx: MigrationContext, log: MoveLog): MigratedFile {
  const fields = new FieldReader(source.data);
  const id = asText(fields.take("id")) ?? "";
  const title = asText(fields.take("title"));
  const frontmatter: Record<string, unknown> = { id, title };

  const rawPriority = fields.take("priority");
  const priority = asPriority(rawPriority) ?? asPriority(ctx.parentPriority.get(id));
  frontmatter.priority = priority ?? "MEDIUM";
  if (!asPriority(rawPriority)) {
    fields.keep("priority", rawPriority);
    log.note(priority ? `priority ${priority} from its parent ticket (the task had none)` : "priority MEDIUM: the task had none");
  } else if (asText(rawPriority) !== priority) log.moved("priority", "priority", priority);

  // Hours: estimated_hours (or ours); else the size (S|M|L) in hours. The size itself stays in the body.
  let hours: number | undefined;
  for (const field of ["estimateHours", "estimated_hours", "estimate_hours"]) {
    const value = fields.take(field);
    const parsed = asHours(value);
    if (parsed !== undefined && hours === undefined) {
      hours = parsed;
      if (field !== "estimateHours") log.moved(field, "estimateHours", parsed);
    } else fields.keep(field, value);
  }
  const estimate = fields.take("estimate");
  const size = asText(estimate)?.toUpperCase();
  if (hours === undefined && asHours(estimate) !== undefined) {
    hours = asHours(estimate);
    log.moved("estimate", "estimateHours", hours);
  } else {
    fields.keep("estimate", estimate);
    if (hours === undefined && size && SIZE_HOURS[size] !== undefined) {
      hours = SIZE_HOURS[size];
      log.note(`estimateHours ${hours} from estimate ${size} (${Object.entries(SIZE_HOURS).map(([s, h]) => `${s}=${h}h`).join(", ")}); check it`);
    }
  }
  frontmatter.estimateHours = hours;
  if (hours === undefined) log.note("no estimate: add estimateHours");

  const rename = (ref: string) => ctx.requirementIds.get(ref) ?? ref;
  const refs = ["requirementRefs", "requirements", "requirements_addressed", "requirement_refs"].flatMap((field) => {
    const value = asList(fields.take(field));
    if (value.length && field !== "requirementRefs") log.moved(field, "requirementRefs", value.map(rename));
    return value;
  });
  frontmatter.requirementRefs = [...new Set(refs.map(rename))];

  const dependsOn: string[] = [...asList(fields.take("dependsOn")), ...asList(fields.take("depends_on"))];
  const dependencies = fields.take("dependencies");
  if (Array.isArray(dependencies)) {
    dependsOn.push(...asList(dependencies));
    log.moved("dependencies", "dependsOn", dependencies);
  } else if (isRecord(dependencies)) {
    const { depends_on: list, blocks, ...other } = dependencies;
    dependsOn.push(...asList(list));
    if (asList(list).length) log.moved("dependencies.depends_on", "dependsOn", list);
    const applied = asList(blocks).filter((ref) => ctx.taskIds.has(ref));
    for (const ref of applied) log.moved("dependencies.blocks", `dependsOn of ${ref}`, id);
    fields.keep("dependencies", withContent({ ...other, blocks: asList(blocks).filter((ref) => !applied.includes(ref)) }));
  }
  const blockedBy = ctx.taskBlockedBy.get(id) ?? [];
  for (const ref of blockedBy.filter((ref) => !dependsOn.includes(ref))) log.moved(`dependencies.blocks of ${ref}`, "dependsOn", ref);
  frontmatter.dependsOn = [...new Set([...dependsOn, ...blockedBy])];

  // files is "files to create or modify"; which of them are new is kept in the body.
  const toCreate = asList(fields.take("files_to_create"));
  const toModify = asList(fields.take("files_to_modify"));
  frontmatter.files = [...new Set([...asList(fields.take("files")), ...toCreate, ...toModify])];
  if (toCreate.length) log.moved("files_to_create", "files", toCreate);
  if (toModify.length) log.moved("files_to_modify", "files", toModify);
  fields.keep("files_to_create", toCreate);

  const body = extractCriteria(source.body);
  // A ticked box is kept ticked: the file says so until a pull (tasks have no "met" of their own here).
  const fromFields = [...asList(fields.take("acceptance_criteria")), ...asList(fields.take("acceptanceCriteria"))].map((text) => ({ text, checked: false }));
  const criteria = [...fromFields, ...body.criteria];
  if (criteria.length) log.moved("Acceptance Criteria", CRITERIA_HEADING, `${criteria.length} item(s)`);
  const description = fields.take("description");
  const rest = fields.rest();
  log.keptInBody(rest);
  const text = joinParts(asText(description), body.rest, predecessorSection(rest)) || title || id;
  return { relPath: source.relPath, frontmatter, body: criteria.length ? `${text}\n\n${CRITERIA_HEADING}\n\n${renderCriteria(criteria.map((c) => c.text), criteria.map((c) => c.checked))}` : text };
}
