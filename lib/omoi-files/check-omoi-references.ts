import type { DesignFile, RequirementFile, SpecFile, TaskFile, TicketFile } from "@/lib/omoi-files/omoi-file-schemas";
import { analyzeTaskGraph } from "@/lib/specs/task-graph";

export interface OmoiItems {
  spec: SpecFile | null;
  requirements: readonly RequirementFile[];
  design: DesignFile | null;
  tasks: readonly TaskFile[];
  tickets: readonly TicketFile[];
}

/** Items the server already holds that files may refer to without containing them. */
export interface KnownItems {
  requirementIds?: Iterable<string>;
  /** Tasks not in the files, with their dependencies (a cycle can run through them). */
  tasks?: readonly { id: string; dependsOn: readonly string[] }[];
  /** Tickets not in the files: their file ids and board keys, with their dependencies. */
  tickets?: readonly { ids: readonly string[]; dependsOn: readonly string[] }[];
}

export interface ReferenceIssue {
  collection: "spec" | "requirements" | "design" | "tasks" | "tickets";
  /** Index in its collection (0 for spec and design). */
  index: number;
  /** Field path inside the item, e.g. ["dependsOn", 1]. */
  path: (string | number)[];
  message: string;
  severity: "error" | "warning";
}

/**
 * Cross-file checks, the same on both sides of a push: ids unique, every reference resolves (requirement refs,
 * task and ticket dependencies, a ticket's task), and neither dependency graph has a cycle (computed with the spec
 * engine's own graph analysis). The CLI runs it on the files alone (a ticket dependency it cannot see is only a
 * warning there); the server runs it with what it already holds, where an unknown reference is an error.
 */
export function checkOmoiReferences(items: OmoiItems, known: KnownItems = {}, unknownTicketSeverity: "error" | "warning" = "error"): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const add = (collection: ReferenceIssue["collection"], index: number, path: ReferenceIssue["path"], message: string, severity: ReferenceIssue["severity"] = "error") =>
    issues.push({ collection, index, path, message, severity });

  if (!items.spec) {
    items.requirements.forEach((_, i) => add("requirements", i, ["id"], "requirements belong to a spec: add .omoi_os/spec.md (omoi init --spec <key>)"));
    if (items.design) add("design", 0, [], "a design belongs to a spec: add .omoi_os/spec.md (omoi init --spec <key>)");
    items.tasks.forEach((_, i) => add("tasks", i, ["id"], "tasks belong to a spec: add .omoi_os/spec.md (omoi init --spec <key>)"));
  }
  for (const [collection, list] of [["requirements", items.requirements], ["tasks", items.tasks], ["tickets", items.tickets]] as const) {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) add(collection, i, ["id"], `${item.id} is also the id of another file (${collection}[${seen.get(item.id)}])`);
      else seen.set(item.id, i);
    });
  }

  const requirementIds = new Set([...items.requirements.map((r) => r.id), ...(known.requirementIds ?? [])]);
  const localTaskIds = new Set(items.tasks.map((t) => t.id));
  const otherTasks = (known.tasks ?? []).filter((t) => !localTaskIds.has(t.id));
  const taskIds = new Set([...localTaskIds, ...otherTasks.map((t) => t.id)]);
  items.tasks.forEach((task, i) => {
    task.requirementRefs.forEach((ref, j) => {
      if (!requirementIds.has(ref)) add("tasks", i, ["requirementRefs", j], `${ref} is not a requirement of this spec`);
    });
    task.dependsOn.forEach((dep, j) => {
      if (dep === task.id) add("tasks", i, ["dependsOn", j], `${task.id} depends on itself`);
      else if (!taskIds.has(dep)) add("tasks", i, ["dependsOn", j], `${dep} is not a task of this spec`);
    });
  });
  const taskGraph = analyzeTaskGraph([...items.tasks, ...otherTasks].map((t) => ({ id: t.id, dependsOn: t.dependsOn.filter((d) => d !== t.id), estimateHours: 0 })));
  reportCycles(taskGraph.cycles, items.tasks, (i, cycle) => add("tasks", i, ["dependsOn"], `dependency cycle ${cycle}; a task cannot wait for itself`));

  const localTicketIds = new Set(items.tickets.map((t) => t.id));
  const otherTickets = (known.tickets ?? []).filter((t) => !t.ids.some((id) => localTicketIds.has(id)));
  const ticketIds = new Set([...localTicketIds, ...otherTickets.flatMap((t) => t.ids)]);
  const taskOwners = new Map<string, number>();
  items.tickets.forEach((ticket, i) => {
    if (ticket.task) {
      if (!items.spec) add("tickets", i, ["task"], "a ticket's task belongs to a spec: add .omoi_os/spec.md");
      else if (!taskIds.has(ticket.task)) add("tickets", i, ["task"], `${ticket.task} is not a task of this spec`);
      else if (taskOwners.has(ticket.task)) add("tickets", i, ["task"], `${ticket.task} already has a ticket (${items.tickets[taskOwners.get(ticket.task)!]!.id}); one ticket per task`);
      else taskOwners.set(ticket.task, i);
    }
    ticket.dependsOn.forEach((dep, j) => {
      if (dep === ticket.id) add("tickets", i, ["dependsOn", j], `${ticket.id} depends on itself`);
      else if (!ticketIds.has(dep)) {
        const where = unknownTicketSeverity === "warning" ? "not in .omoi_os/tickets (the server must know it)" : "not a ticket of this project";
        add("tickets", i, ["dependsOn", j], `${dep} is ${where}`, unknownTicketSeverity);
      }
    });
  });
  // A ticket known under two names (file id and key) is one node: name it by its first id.
  const canonical = new Map(otherTickets.flatMap((t) => t.ids.map((id) => [id, t.ids[0]!] as const)));
  const ticketGraph = analyzeTaskGraph([
    ...items.tickets.map((t) => ({ id: t.id, dependsOn: t.dependsOn.filter((d) => d !== t.id).map((d) => canonical.get(d) ?? d), estimateHours: 0 })),
    ...otherTickets.map((t) => ({ id: t.ids[0]!, dependsOn: t.dependsOn.map((d) => canonical.get(d) ?? d), estimateHours: 0 })),
  ]);
  reportCycles(ticketGraph.cycles, items.tickets, (i, cycle) => add("tickets", i, ["dependsOn"], `dependency cycle ${cycle}; a ticket cannot wait for itself`));
  return issues;
}

/** Each cycle is reported once, on the first of its members that is a file. */
function reportCycles(cycles: string[][], list: readonly { id: string }[], report: (index: number, cycle: string) => void) {
  for (const cycle of cycles) {
    const index = list.findIndex((item) => cycle.includes(item.id));
    if (index >= 0) report(index, cycle.join(" → "));
  }
}
