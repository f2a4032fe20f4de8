import type { MigrationContext, SourceFile } from "@/lib/omoi-files/migration-parts";
import type { OmoiItemKind } from "@/lib/omoi-files/parse-omoi-file";
import { asList, asText, isRecord } from "@/lib/omoi-files/predecessor-values";
import { splitRequirementSections } from "@/lib/omoi-files/split-predecessor-body";
import { REQUIREMENT_ID } from "@/lib/specs/phases/requirements-output";

type ByKind = Record<OmoiItemKind, SourceFile[]>;

/**
 * What converting one predecessor file needs to know about the others: new requirement ids (references follow
 * them), which tickets and tasks another file's `blocks` names, which ticket carries which task, and a parent
 * ticket's priority. `old` are the files being migrated, `ours` those already in our format.
 */
export function buildMigrationContext(old: ByKind, ours: ByKind): MigrationContext {
  const taken = new Set(ours.requirement.map((r) => asText(r.data.id)).filter((id): id is string => Boolean(id)));
  const requirementIds = new Map<string, string>();
  for (const doc of old.requirement) {
    const { sections } = splitRequirementSections(doc.body);
    const ids = sections.length ? sections.map((s) => s.id) : [asText(doc.data.id) ?? ""];
    for (const id of ids.filter(Boolean)) {
      if (requirementIds.has(id)) continue;
      const ourId = toRequirementId(id, taken);
      taken.add(ourId);
      requirementIds.set(id, ourId);
    }
  }

  const idOf = (s: SourceFile) => asText(s.data.id) ?? "";
  const ticketIds = new Set(old.ticket.map(idOf));
  const taskIds = new Set(old.task.map(idOf));
  const blockedBy = (files: SourceFile[], ids: Set<string>) => {
    const map = new Map<string, string[]>();
    for (const source of files) {
      const deps = source.data.dependencies;
      for (const ref of isRecord(deps) ? asList(deps.blocks) : []) if (ids.has(ref)) map.set(ref, [...(map.get(ref) ?? []), idOf(source)]);
    }
    return map;
  };

  // A ticket links one task: its only task (listed by the ticket, or naming it as parent_ticket) not taken already.
  const allTasks = new Set([...taskIds, ...ours.task.map(idOf)]);
  const claimed = new Set(ours.ticket.map((t) => asText(t.data.task)).filter(Boolean));
  const parentOf = new Map(old.task.map((t) => [idOf(t), asText(t.data.parent_ticket)]));
  const ticketTask = new Map<string, string>();
  const parentPriority = new Map<string, string>();
  for (const ticket of old.ticket) {
    const id = idOf(ticket);
    const listed = [...asList(ticket.data.tasks), ...asList(ticket.data.task)];
    const children = [...parentOf].filter(([, parent]) => parent === id).map(([task]) => task);
    const mine = [...new Set([...listed, ...children])].filter((task) => allTasks.has(task));
    const priority = asText(ticket.data.priority);
    for (const task of mine) if (priority && !parentPriority.has(task)) parentPriority.set(task, priority);
    if (mine.length === 1 && !claimed.has(mine[0]!)) {
      ticketTask.set(id, mine[0]!);
      claimed.add(mine[0]!);
    }
  }
  return { requirementIds, ticketIds, taskIds, ticketBlockedBy: blockedBy(old.ticket, ticketIds), taskBlockedBy: blockedBy(old.task, taskIds), ticketTask, parentPriority };
}

/**
 * Our form of a predecessor requirement id: REQ-<AREA>-<NNN> with one area (REQ-AUTH-FUNC-001 → REQ-AUTHFUNC-001),
 * numbered on when that id is taken.
 */
export function toRequirementId(id: string, taken: ReadonlySet<string>): string {
  if (REQUIREMENT_ID.test(id) && !taken.has(id)) return id;
  const match = /^REQ-(.*?)-?(\d+)$/i.exec(id);
  let area = (match?.[1] ?? id.replace(/^REQ-?/i, "")).replace(/[^A-Za-z0-9]/g, "").toUpperCase();
  if (!/^[A-Z]/.test(area)) area = `R${area}`;
  area = area.padEnd(2, "X").slice(0, 12);
  const start = Number(match?.[2] ?? 1) % 1000 || 1;
  for (let i = 0; i < 999; i++) {
    const candidate = `REQ-${area}-${String(((start - 1 + i) % 999) + 1).padStart(3, "0")}`;
    if (!taken.has(candidate)) return candidate;
  }
  return `REQ-${area}-000`;
}
