import type { OmoiPlan, OmoiPlanItem, OmoiPushInput, OmoiSnapshot, SnapshotTicket, TicketFile } from "@/lib/omoi-files/omoi-file-schemas";

/** The files' items as pushed (each may name its file). */
export type OmoiLocalItems = Omit<OmoiPushInput, "dryRun">;

/**
 * What a push of `local` does to `remote` (the server's snapshot of the same spec): per item create, update (with
 * the fields that differ) or unchanged, and what only the server has. Pure, so the CLI's `sync diff` and the
 * server's push (dry or not) decide the same way from the same snapshot. Read-only fields (status, board key) never
 * count as changes.
 */
export function planOmoiPush(local: OmoiLocalItems, remote: OmoiSnapshot): OmoiPlan {
  const items: OmoiPlanItem[] = [];
  const warnings: string[] = [];
  const item = (kind: OmoiPlanItem["kind"], id: string, file: string | undefined, exists: boolean, changes: string[]) =>
    items.push({ kind, id, ...(file ? { file } : {}), action: !exists ? "create" : changes.length ? "update" : "unchanged", changes: exists ? changes : [] });

  if (local.spec) {
    const r = remote.spec;
    item("spec", local.spec.key, local.spec.file, Boolean(r), r ? differing(local.spec, r, ["key", "title", "description"]) : []);
  }
  const requirements = new Map(remote.requirements.map((r) => [r.id, r]));
  for (const l of local.requirements) {
    const r = requirements.get(l.id);
    item("requirement", l.id, l.file, Boolean(r), r ? differing(l, r, ["title", "earsType", "condition", "action", "text", "priority", "acceptanceCriteria"]) : []);
  }
  if (local.design) {
    const r = remote.design;
    const fields = ["architecture", "components", "dataModels", "apiEndpoints", "errorHandling", "testingStrategy", "securityNotes"] as const;
    item("design", local.spec?.key ?? "design", local.design.file, Boolean(r), r ? differing(local.design, r, fields) : []);
  }
  const tasks = new Map(remote.tasks.map((t) => [t.id, t]));
  for (const l of local.tasks) {
    const r = tasks.get(l.id);
    const changes = r ? differing(l, r, ["title", "description", "files", "priority", "estimateHours", "acceptanceCriteria"]) : [];
    if (r && !sameSet(l.dependsOn, r.dependsOn)) changes.push("dependsOn");
    if (r && !sameSet(l.requirementRefs, r.requirementRefs)) changes.push("requirementRefs");
    item("task", l.id, l.file, Boolean(r), changes);
  }
  const matched = new Set<SnapshotTicket>();
  for (const l of local.tickets) {
    const r = matchTicket(l, remote.tickets, matched);
    if (r) matched.add(r);
    const changes = r ? ticketChanges(l, r) : [];
    if (r && l.status && l.status !== r.status) warnings.push(`${l.id}: the file says ${l.status}, the board says ${r.status}; a push never moves cards`);
    item("ticket", l.id, l.file, Boolean(r), changes);
  }

  const localIds = (list: readonly { id: string }[]) => new Set(list.map((x) => x.id));
  const serverOnly: OmoiPlan["serverOnly"] = [
    ...remote.requirements.filter((r) => !localIds(local.requirements).has(r.id)).map((r) => ({ kind: "requirement" as const, id: r.id })),
    ...(remote.design && !local.design ? [{ kind: "design" as const, id: remote.spec?.key ?? "design" }] : []),
    ...remote.tasks.filter((t) => !localIds(local.tasks).has(t.id)).map((t) => ({ kind: "task" as const, id: t.id })),
    ...remote.tickets.filter((t) => !matched.has(t)).map((t) => ({ kind: "ticket" as const, id: t.id })),
  ];
  return { items, serverOnly, warnings };
}

/**
 * The server's ticket for a file: by file id; else an app-made ticket (no file id yet) whose board key is the
 * file's id or `key`, or that carries the file's task — so pulling app-made tickets and pushing them back adopts
 * them instead of duplicating them.
 */
export function matchTicket(local: TicketFile, remote: readonly SnapshotTicket[], taken: ReadonlySet<SnapshotTicket> = new Set()): SnapshotTicket | undefined {
  const free = remote.filter((r) => !taken.has(r));
  return (
    free.find((r) => r.localId === local.id) ??
    free.find((r) => r.localId === null && (r.key === local.id || (local.key !== undefined && r.key === local.key))) ??
    (local.task ? free.find((r) => r.localId === null && r.task === local.task) : undefined)
  );
}

function ticketChanges(l: TicketFile, r: SnapshotTicket): string[] {
  const changes = differing(l, r, ["title", "description", "priority"]);
  if (r.localId !== l.id) changes.push("id");
  if ((l.task ?? null) !== (r.task ?? null)) changes.push("task");
  if (!sameSet(l.dependsOn, r.dependsOn)) changes.push("dependsOn");
  if (!samePerson(l.assignee, r.assigneeUser)) changes.push("assignee");
  // No owner in the file keeps the current one.
  if (l.owner !== undefined && !samePerson(l.owner, r.ownerUser)) changes.push("owner");
  return changes;
}

/** Whether a file's person (id or email) is this user. */
export function samePerson(value: string | undefined, user: { id: string; email: string } | null): boolean {
  if (value === undefined || user === null) return value === undefined && user === null;
  return value === user.id || value.toLowerCase() === user.email.toLowerCase();
}

function differing<T extends object, U extends object>(l: T, r: U, fields: readonly (keyof T & keyof U)[]): string[] {
  return fields.filter((field) => canonical(l[field]) !== canonical(r[field])).map(String);
}

const sameSet = (a: readonly string[], b: readonly string[]) => canonical([...new Set(a)].sort()) === canonical([...new Set(b)].sort());

/**
 * A value in a form where equal content compares equal: strings trimmed with unix newlines, object keys sorted
 * (PostgreSQL's jsonb reorders them), undefined and null and "" alike (an absent optional field).
 */
export function canonical(value: unknown): string {
  return JSON.stringify(normalize(value)) ?? "null";
}

function normalize(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\r\n/g, "\n").trim() || null;
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, normalize(v)] as const)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }
  return value ?? null;
}
