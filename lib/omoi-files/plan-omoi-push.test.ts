import { describe, expect, it } from "vitest";
import { checkOmoiReferences } from "@/lib/omoi-files/check-omoi-references";
import { escapeControlChars } from "@/lib/omoi-files/escape-control-chars";
import { omoiPushSchema, type OmoiSnapshot, type SnapshotTicket, type TicketFile } from "@/lib/omoi-files/omoi-file-schemas";
import { OMOI_PUSH_LIMITS } from "@/lib/omoi-files/omoi-push-limits";
import { canonical, matchTicket, planOmoiPush, samePerson, type OmoiLocalItems } from "@/lib/omoi-files/plan-omoi-push";
import { joinTaskFiles, splitTaskFiles } from "@/lib/omoi-files/task-files-line";

const owner = { id: "u1", email: "ada@example.test" };
const remoteTicket = (more: Partial<SnapshotTicket>): SnapshotTicket => ({
  id: "OMOI-1", localId: null, key: "OMOI-1", title: "T", description: "", priority: "MEDIUM", status: "backlog", dependsOn: [], ownerUser: owner, assigneeUser: null, ...more,
});
const localTicket = (more: Partial<TicketFile>): TicketFile => ({ id: "TKT-001", title: "T", description: "", priority: "MEDIUM", dependsOn: [], ...more });
const empty: OmoiSnapshot = { project: { id: "p", name: "P" }, spec: null, requirements: [], design: null, tasks: [], tickets: [] };
const local = (more: Partial<OmoiLocalItems>): OmoiLocalItems => ({ spec: null, requirements: [], design: null, tasks: [], tickets: [], ...more });

describe("planOmoiPush", () => {
  it("creates what the server lacks, updates what differs (naming the fields), leaves the rest, lists server-only items", () => {
    const remote: OmoiSnapshot = {
      ...empty,
      tickets: [
        remoteTicket({ id: "TKT-001", localId: "TKT-001", key: "OMOI-1", description: "Same\r\n", dependsOn: ["TKT-002"], assigneeUser: owner }),
        remoteTicket({ id: "TKT-002", localId: "TKT-002", key: "OMOI-2", status: "building" }),
        remoteTicket({ id: "OMOI-3", key: "OMOI-3" }),
      ],
    };
    const plan = planOmoiPush(
      local({
        tickets: [
          { ...localTicket({ description: "  Same", dependsOn: ["TKT-002", "TKT-002"], assignee: "ADA@example.test" }), file: "tickets/TKT-001.md" },
          localTicket({ id: "TKT-002", title: "New title", priority: "HIGH", status: "backlog", owner: "someone@else.test" }),
          localTicket({ id: "TKT-009" }),
        ],
      }),
      remote,
    );
    expect(plan.items).toEqual([
      { kind: "ticket", id: "TKT-001", file: "tickets/TKT-001.md", action: "unchanged", changes: [] },
      { kind: "ticket", id: "TKT-002", action: "update", changes: ["title", "priority", "owner"] },
      { kind: "ticket", id: "TKT-009", action: "create", changes: [] },
    ]);
    expect(plan.serverOnly).toEqual([{ kind: "ticket", id: "OMOI-3" }]);
    expect(plan.warnings).toEqual(["TKT-002: the file says backlog, the board says building; a push never moves cards"]);
  });

  it("adopts a ticket the app made (no file id yet) by its key or by its task instead of creating a twin", () => {
    const byKey = remoteTicket({ key: "OMOI-4", id: "OMOI-4" });
    const byTask = remoteTicket({ key: "OMOI-5", id: "OMOI-5", task: "TSK-002" });
    const fromFile = remoteTicket({ key: "OMOI-6", id: "TKT-006", localId: "TKT-006" });
    const remotes = [byKey, byTask, fromFile];
    expect(matchTicket(localTicket({ id: "OMOI-4" }), remotes)).toBe(byKey);
    expect(matchTicket(localTicket({ id: "TKT-001", key: "OMOI-4" }), remotes)).toBe(byKey);
    expect(matchTicket(localTicket({ id: "TKT-002", task: "TSK-002" }), remotes)).toBe(byTask);
    expect(matchTicket(localTicket({ id: "TKT-006" }), remotes)).toBe(fromFile);
    expect(matchTicket(localTicket({ id: "TKT-003", key: "OMOI-6" }), remotes)).toBeUndefined(); // OMOI-6 belongs to another file
    expect(matchTicket(localTicket({ id: "OMOI-4" }), remotes, new Set([byKey]))).toBeUndefined();
    const plan = planOmoiPush(local({ tickets: [localTicket({ id: "OMOI-4" })] }), { ...empty, tickets: [byKey] });
    expect(plan.items[0]).toMatchObject({ action: "update", changes: ["id"] });
  });

  it("compares content, not formatting", () => {
    expect(canonical({ b: [" x\r\n"], a: { d: undefined, c: 1 }, e: "" })).toBe(canonical({ a: { c: 1 }, b: ["x"], e: null }));
    expect(canonical(["a", "b"])).not.toBe(canonical(["b", "a"]));
    expect(samePerson("ADA@example.test", owner)).toBe(true);
    expect(samePerson("u1", owner)).toBe(true);
    expect(samePerson(undefined, null)).toBe(true);
    expect(samePerson("u2", owner)).toBe(false);
    expect(samePerson(undefined, owner)).toBe(false);
  });

  it("keeps a task's files in its description losslessly", () => {
    expect(splitTaskFiles(joinTaskFiles("Do it.\n", ["a.ts", "b/c.ts"]))).toEqual({ description: "Do it.", files: ["a.ts", "b/c.ts"] });
    expect(splitTaskFiles(joinTaskFiles("Do it.", []))).toEqual({ description: "Do it.", files: [] });
    expect(splitTaskFiles("Edit src/greet.js.")).toEqual({ description: "Edit src/greet.js.", files: [] });
  });
});

describe("a push's file names and size", () => {
  it("keeps the file names the server echoes escaped, so a control character never reaches a terminal raw", () => {
    const input = omoiPushSchema.parse({ tickets: [{ id: "TKT-001", title: "T", file: "tickets/TKT-001\u001b[2J\r\n\u202e.md" }] });
    expect(input.tickets[0]!.file).toBe("tickets/TKT-001\\x1b[2J\\r\\n\\u202e.md");
    expect(escapeControlChars("plain/path-ü.md")).toBe("plain/path-ü.md");
    expect(omoiPushSchema.safeParse({ tickets: [{ id: "TKT-001", title: "T", file: "x".repeat(OMOI_PUSH_LIMITS.fileName + 1) }] }).success).toBe(false);
  });

  it("plans (and checks) a push of a 6,000-ticket chain as the server does, without recursion", () => {
    const id = (n: number) => `TKT-${String(n).padStart(4, "0")}`;
    const tickets = Array.from({ length: 6000 }, (_, i) => localTicket({ id: id(i + 1), dependsOn: i ? [id(i)] : [] }));
    const input = omoiPushSchema.parse({ tickets });
    expect(checkOmoiReferences(input)).toEqual([]);
    const plan = planOmoiPush(input, empty);
    expect(plan.items).toHaveLength(6000);
    expect(plan.items.every((item) => item.action === "create")).toBe(true);
    const cyclic = checkOmoiReferences({ ...input, tickets: [{ ...input.tickets[0]!, dependsOn: [id(6000)] }, ...input.tickets.slice(1)] });
    expect(cyclic).toHaveLength(1);
    expect(cyclic[0]!.message).toMatch(/^dependency cycle TKT-0001 → TKT-6000 → .* → TKT-0001; a ticket cannot wait for itself$/);
  });
});
