import { describe, expect, it } from "vitest";
import * as omoiSyncRoute from "@/app/api/v1/projects/[projectId]/omoi-sync/route";
import { db } from "@/lib/db/client";
import type { OmoiPushBody } from "@/lib/omoi-files/omoi-file-schemas";
import { callRoute } from "@/test/call-route";
import { createTestProject, createTestUser } from "@/test/factories";

const SPEC = { key: "greet", title: "Greet", description: "Greet people in their own language." };
const task = (id: string, dependsOn: string[] = []) => ({
  id, title: id, description: "Do it.", priority: "LOW" as const, estimateHours: 1, dependsOn, requirementRefs: [], acceptanceCriteria: ["done"],
});

async function setup() {
  const owner = await createTestUser();
  const project = await createTestProject(owner.id);
  const push = (body: OmoiPushBody, cookie = owner.cookie) =>
    callRoute(omoiSyncRoute.POST, { method: "POST", params: { projectId: project.id }, cookie, body });
  const pull = (query: string, cookie = owner.cookie) => callRoute(omoiSyncRoute.GET, { path: `/x?${query}`, params: { projectId: project.id }, cookie });
  return { owner, project, push, pull };
}

describe("POST/GET /api/v1/projects/{projectId}/omoi-sync", () => {
  it("is a 404 for someone outside the project's organization, both ways", async () => {
    const { push, pull } = await setup();
    const stranger = await createTestUser();
    expect((await push({ tickets: [{ id: "TKT-001", title: "x" }] }, stranger.cookie)).status).toBe(404);
    expect((await pull("", stranger.cookie)).status).toBe(404);
  });

  it("refuses, with the field at fault, what would break the data: unknown references, a taken file id or task, another project's spec", async () => {
    const { owner, project, push, pull } = await setup();
    expect((await push({ spec: SPEC, tasks: [task("TSK-001"), task("TSK-002", ["TSK-001"])], tickets: [{ id: "TKT-001", title: "One", task: "TSK-001" }] })).status).toBe(200);

    const unknown = await push({ spec: SPEC, tickets: [{ id: "TKT-002", title: "x", task: "TSK-009", dependsOn: ["OMOI-999"] }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.fields).toEqual({ "tickets.0.task": ["TSK-009 is not a task of this spec"], "tickets.0.dependsOn.0": ["OMOI-999 is not a ticket of this project"] });

    // The server knows TSK-001 and its ticket even when the files leave them out.
    const taken = await push({ spec: SPEC, tickets: [{ id: "TKT-002", title: "Two", task: "TSK-001" }] });
    expect(taken.body.error.details.fields["tickets.0.task"]).toEqual([expect.stringMatching(/^TSK-001 already has ticket OMOI-\d+; one ticket per task$/)]);
    const cycle = await push({ spec: SPEC, tasks: [task("TSK-001", ["TSK-002"])] });
    expect(cycle.body.error.details.fields["tasks.0.dependsOn"]).toEqual(["dependency cycle TSK-001 → TSK-002 → TSK-001; a task cannot wait for itself"]);

    const clash = await push({ spec: { ...SPEC, key: "other" }, tickets: [{ id: "TKT-001", title: "Same id, other spec" }] });
    expect(clash.body.error.details.fields["tickets.0.id"]).toEqual([expect.stringContaining("TKT-001 is already the id of ticket OMOI-")]);
    const elsewhere = await db.spec.create({ data: { projectId: (await createTestProject(owner.id)).id, userId: owner.id, title: "x", description: "x" } });
    const foreign = await push({ spec: { ...SPEC, id: elsewhere.id } });
    expect(foreign.body.error.details.fields).toEqual({ "spec.id": [`No spec ${elsewhere.id} in this project (remove the id to push it as a new spec)`] });

    const spec = await db.spec.findFirstOrThrow({ where: { projectId: project.id, sourceKey: "greet" } });
    await db.spec.update({ where: { id: spec.id }, data: { generationStatus: "running" } });
    expect((await push({ spec: SPEC })).status).toBe(409);
    expect(await db.ticket.count({ where: { projectId: project.id } })).toBe(1);

    const snapshot = (await pull("specKey=greet")).body.snapshot;
    expect(snapshot.tasks.map((t: { id: string; dependsOn: string[] }) => [t.id, t.dependsOn])).toEqual([["TSK-001", []], ["TSK-002", ["TSK-001"]]]);
    expect(snapshot.tickets).toEqual([expect.objectContaining({ id: "TKT-001", task: "TSK-001", ownerUser: { id: owner.id, email: owner.email } })]);
    expect((await pull("specKey=never-pushed")).body.snapshot).toMatchObject({ spec: null, tasks: [], tickets: [] });
    expect((await pull("specId=nope")).status).toBe(404);
    expect((await push({ spec: SPEC, tasks: [{ ...task("TSK-001"), estimateHours: "two" }] } as never)).body.error.details.fields).toHaveProperty(["tasks.0.estimateHours"]);
  });

  it("keeps spec-less file tickets apart from the project's other tickets", async () => {
    const { project, push, pull } = await setup();
    await db.ticket.create({ data: { projectId: project.id, userId: (await db.project.findUniqueOrThrow({ where: { id: project.id } })).createdById!, key: "UI-1", number: 900, title: "Made in the app" } });
    expect((await push({ tickets: [{ id: "TKT-001", title: "From a file" }, { id: "TKT-002", title: "Second", dependsOn: ["TKT-001"] }] })).body.plan.items).toHaveLength(2);
    const { snapshot } = (await pull("")).body;
    expect(snapshot.tickets.map((t: { id: string; dependsOn: string[] }) => [t.id, t.dependsOn])).toEqual([["TKT-001", []], ["TKT-002", ["TKT-001"]]]);
  });
});
