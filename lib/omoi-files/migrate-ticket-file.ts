import { FieldReader, type MigratedFile, type MigrationContext, type MoveLog, type SourceFile } from "@/lib/omoi-files/migration-parts";
import { TICKET_LOCAL_ID } from "@/lib/omoi-files/omoi-file-schemas";
import { asList, asPriority, asText, isRecord, joinParts, predecessorSection, withContent } from "@/lib/omoi-files/predecessor-values";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A predecessor ticket (`id, title, status, priority, estimate, user_id, tasks, dependencies: {blocked_by, blocks,
 * related}, …`) as ours: blocked_by (and other tickets' `blocks`) become dependsOn, a single task becomes `task`,
 * a person given by email becomes owner/assignee; everything else with content is kept in the body.
 */
export function migrateTicketFile(source: SourceFile, ctx: MigrationContext, log: MoveLog): MigratedFile {
  const fields = new FieldReader(source.data);
  const id = asText(fields.take("id")) ?? "";
  const frontmatter: Record<string, unknown> = { id, title: asText(fields.take("title")) };

  const rawPriority = fields.take("priority");
  const priority = asPriority(rawPriority);
  if (priority) {
    frontmatter.priority = priority;
    if (asText(rawPriority) !== priority) log.moved("priority", "priority", priority);
  } else fields.keep("priority", rawPriority);

  // Dependencies: a list, or {blocked_by, blocks, related}; blocks that name tickets being migrated become their dependsOn.
  const dependsOn: string[] = [...asList(fields.take("dependsOn")), ...asList(fields.take("depends_on")), ...asList(fields.take("blocked_by"))];
  const dependencies = fields.take("dependencies");
  if (Array.isArray(dependencies)) {
    dependsOn.push(...asList(dependencies));
    log.moved("dependencies", "dependsOn", dependencies);
  } else if (isRecord(dependencies)) {
    const { blocked_by: blockedBy, depends_on: dependsOnList, blocks, ...other } = dependencies;
    dependsOn.push(...asList(blockedBy), ...asList(dependsOnList));
    if (asList(blockedBy).length) log.moved("dependencies.blocked_by", "dependsOn", blockedBy);
    const applied = asList(blocks).filter((ref) => ctx.ticketIds.has(ref));
    for (const ref of applied) log.moved("dependencies.blocks", `dependsOn of ${ref}`, id);
    fields.keep("dependencies", withContent({ ...other, blocks: asList(blocks).filter((ref) => !applied.includes(ref)) }));
  }
  const blockedBy = ctx.ticketBlockedBy.get(id) ?? [];
  for (const ref of blockedBy.filter((ref) => !dependsOn.includes(ref))) log.moved(`dependencies.blocks of ${ref}`, "dependsOn", ref);
  const unique = [...new Set([...dependsOn, ...blockedBy])];
  frontmatter.dependsOn = unique.filter((ref) => TICKET_LOCAL_ID.test(ref));
  const odd = unique.filter((ref) => !TICKET_LOCAL_ID.test(ref));
  if (odd.length) fields.keep("unresolved_dependencies", odd);

  // One task per ticket here: a single task links; several stay listed in the body.
  const tasks = [...asList(fields.take("tasks")), ...asList(fields.take("task"))];
  const task = ctx.ticketTask.get(id);
  if (task) {
    frontmatter.task = task;
    log.moved("tasks", "task", task);
  }
  const otherTasks = tasks.filter((t) => t !== task);
  if (otherTasks.length) {
    fields.keep("tasks", tasks);
    log.note("a ticket here carries at most one spec task; its task list stays in the body");
  }

  for (const [from, to] of [["user_id", "owner"], ["owner", "owner"], ["created_by", "owner"], ["assignee", "assignee"], ["assignee_id", "assignee"]] as const) {
    const value = fields.take(from);
    const text = asText(value);
    if (text && EMAIL.test(text) && frontmatter[to] === undefined) {
      frontmatter[to] = text;
      if (from !== to) log.moved(from, to, text);
    } else if (text) {
      // The predecessor's user ids are not this app's: kept for a person to map (a member's email works).
      fields.keep(from, value);
      log.note(`${from} ${text} is not an email of this app's members; set ${to}: <email> to keep it`);
    } else fields.keep(from, value);
  }
  const key = asText(fields.take("key"));
  if (key) frontmatter.key = key;

  const description = fields.take("description");
  if (asText(description)) log.moved("description", "the body", description);
  const rest = fields.rest();
  log.keptInBody(rest);
  return { relPath: source.relPath, frontmatter, body: joinParts(asText(description), source.body, predecessorSection(rest)) };
}
