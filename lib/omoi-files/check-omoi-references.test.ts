import { describe, expect, it } from "vitest";
import { checkOmoiReferences, type OmoiItems } from "@/lib/omoi-files/check-omoi-references";
import type { TaskFile, TicketFile } from "@/lib/omoi-files/omoi-file-schemas";

const task = (id: string, dependsOn: string[] = [], requirementRefs: string[] = ["REQ-A-001"]): TaskFile => ({
  id, title: id, description: "d", files: [], priority: "LOW", estimateHours: 1, dependsOn, requirementRefs, acceptanceCriteria: [],
});
const ticket = (id: string, dependsOn: string[] = [], more: Partial<TicketFile> = {}): TicketFile => ({ id, title: id, description: "", priority: "MEDIUM", dependsOn, ...more });
const items = (more: Partial<OmoiItems>): OmoiItems => ({
  spec: { key: "s", title: "S", description: "A spec for the tests." },
  requirements: [{ id: "REQ-A-001", title: "t", earsType: "ubiquitous", condition: "", action: "a", text: "THE SYSTEM SHALL a.", priority: "LOW", acceptanceCriteria: [] }],
  design: null,
  tasks: [],
  tickets: [],
  ...more,
});
const summary = (issues: ReturnType<typeof checkOmoiReferences>) => issues.map((i) => `${i.severity} ${i.collection}[${i.index}].${i.path.join(".")}: ${i.message}`);

describe("checkOmoiReferences", () => {
  it("finds dependency cycles in tasks and in tickets, reported once each", () => {
    const issues = checkOmoiReferences(
      items({
        tasks: [task("TSK-001", ["TSK-003"]), task("TSK-002", ["TSK-001"]), task("TSK-003", ["TSK-002"]), task("TSK-004", ["TSK-001"])],
        tickets: [ticket("TKT-001", ["TKT-002"]), ticket("TKT-002", ["TKT-001"]), ticket("TKT-003", ["TKT-003"])],
      }),
    );
    expect(summary(issues)).toEqual([
      "error tasks[0].dependsOn: dependency cycle TSK-001 → TSK-003 → TSK-002 → TSK-001; a task cannot wait for itself",
      "error tickets[2].dependsOn.0: TKT-003 depends on itself",
      "error tickets[0].dependsOn: dependency cycle TKT-001 → TKT-002 → TKT-001; a ticket cannot wait for itself",
    ]);
  });

  it("resolves references to files, or to what the server already holds", () => {
    const local = items({
      tasks: [task("TSK-001", ["TSK-009"], ["REQ-A-001", "REQ-B-002"]), task("TSK-001")],
      tickets: [ticket("TKT-001", ["OMOI-7"], { task: "TSK-005" }), ticket("TKT-002", [], { task: "TSK-001" }), ticket("TKT-003", [], { task: "TSK-001" })],
    });
    expect(summary(checkOmoiReferences(local, {}, "warning"))).toEqual([
      "error tasks[1].id: TSK-001 is also the id of another file (tasks[0])",
      "error tasks[0].requirementRefs.1: REQ-B-002 is not a requirement of this spec",
      "error tasks[0].dependsOn.0: TSK-009 is not a task of this spec",
      "error tickets[0].task: TSK-005 is not a task of this spec",
      "warning tickets[0].dependsOn.0: OMOI-7 is not in .omoi_os/tickets (the server must know it)",
      "error tickets[2].task: TSK-001 already has a ticket (TKT-002); one ticket per task",
    ]);
    const server = { requirementIds: ["REQ-B-002"], tasks: [{ id: "TSK-009", dependsOn: [] }, { id: "TSK-005", dependsOn: [] }], tickets: [{ ids: ["OMOI-7"], dependsOn: [] }] };
    expect(summary(checkOmoiReferences({ ...local, tasks: [local.tasks[0]!], tickets: local.tickets.slice(0, 2) }, server))).toEqual([]);
    // A cycle can close through a task only the server has.
    const through = checkOmoiReferences(items({ tasks: [task("TSK-001", ["TSK-009"])] }), { tasks: [{ id: "TSK-009", dependsOn: ["TSK-001"] }] });
    expect(summary(through)).toEqual(["error tasks[0].dependsOn: dependency cycle TSK-001 → TSK-009 → TSK-001; a task cannot wait for itself"]);
  });

  it("wants spec.md for requirements, a design, tasks and a ticket's task", () => {
    const issues = checkOmoiReferences({ ...items({ tasks: [task("TSK-001")], tickets: [ticket("TKT-001", [], { task: "TSK-001" })] }), spec: null, design: null });
    expect(summary(issues)).toEqual([
      "error requirements[0].id: requirements belong to a spec: add .omoi_os/spec.md (omoi init --spec <key>)",
      "error tasks[0].id: tasks belong to a spec: add .omoi_os/spec.md (omoi init --spec <key>)",
      "error tickets[0].task: a ticket's task belongs to a spec: add .omoi_os/spec.md",
    ]);
  });
});
