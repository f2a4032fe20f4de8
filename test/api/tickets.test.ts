import { describe, expect, it } from "vitest";
import * as boardMoveRoute from "@/app/api/v1/board/move/route";
import * as boardViewRoute from "@/app/api/v1/board/view/route";
import * as executeTasksRoute from "@/app/api/v1/specs/[specId]/execute-tasks/route";
import * as ticketsRoute from "@/app/api/v1/tickets/route";
import * as ticketRoute from "@/app/api/v1/tickets/[ticketId]/route";
import * as runRoute from "@/app/api/v1/tickets/[ticketId]/run/route";
import * as cancelRoute from "@/app/api/v1/tickets/[ticketId]/cancel/route";
import { db } from "@/lib/db/client";
import { addMember } from "@/lib/orgs/add-member";
import { materializeRequirements, materializeTasks } from "@/lib/specs/materialize-phase";
import { createQuickTask } from "@/lib/tickets/create-quick-task";
import { quickTaskTicketInput } from "@/lib/tickets/ticket-schemas";
import { callRoute } from "@/test/call-route";
import { SAMPLE_OUTPUTS } from "@/test/fake-anthropic/scripted-spec-agent";
import { createTestProject, createTestUser } from "@/test/factories";

/** A spec whose plan is stored (as after TASKS), not yet bridged to tickets. */
async function plannedSpec(autoExecuteTickets = false) {
  const owner = await createTestUser();
  const project = await createTestProject(owner.id, { autoExecuteTickets });
  const spec = await db.spec.create({
    data: { projectId: project.id, userId: owner.id, title: "Greet", description: "Greet in French", generationStatus: "completed", autoExecute: autoExecuteTickets },
  });
  await db.$transaction(async (tx) => {
    await materializeRequirements(tx, spec.id, SAMPLE_OUTPUTS.requirements as never);
    await materializeTasks(tx, spec.id, SAMPLE_OUTPUTS.tasks as never);
  });
  return { owner, project, spec };
}

const board = (projectId: string, cookie: string, scope = "all") =>
  callRoute(boardViewRoute.GET, { path: `/x?projectId=${projectId}&scope=${scope}`, cookie });

describe("tickets from a spec on the board", () => {
  it("are owned by the spec's creator, linked, dependent as planned, visible to members and to no one else; twice creates nothing", async () => {
    const { owner, project, spec } = await plannedSpec();
    const first = await callRoute(executeTasksRoute.POST, { method: "POST", params: { specId: spec.id }, cookie: owner.cookie });
    expect(first.status).toBe(200);
    expect(first.body.created).toHaveLength(3);
    const second = await callRoute(executeTasksRoute.POST, { method: "POST", params: { specId: spec.id }, cookie: owner.cookie, body: {} });
    expect(second.body.created).toEqual([]);
    expect(await db.ticket.count({ where: { specId: spec.id } })).toBe(3);

    const tickets = await db.ticket.findMany({ where: { specId: spec.id }, include: { specTask: true, tasks: true }, orderBy: { number: "asc" } });
    expect(tickets.map((t) => [t.key, t.userId, t.status, t.specTask!.localId])).toEqual([
      ["OMOI-1", owner.id, "backlog", "TSK-001"],
      ["OMOI-2", owner.id, "backlog", "TSK-002"],
      ["OMOI-3", owner.id, "backlog", "TSK-003"],
    ]);
    expect(tickets[1]!.description).toContain("REQ-GREET-001");
    expect(tickets.every((t) => t.tasks.length === 1 && t.tasks[0]!.status === "queued")).toBe(true); // pressed by hand
    expect(await db.ticketDependency.count({ where: { ticket: { specId: spec.id } } })).toBe(2);

    const mine = await board(project.id, owner.cookie);
    expect(mine.status).toBe(200);
    expect(mine.body.columns.map((c: { status: string }) => c.status)).toEqual(["backlog", "analyzing", "building", "testing", "review", "done"]);
    expect(mine.body.columns[0].tickets.map((t: { key: string }) => t.key)).toEqual(["OMOI-1", "OMOI-2", "OMOI-3"]);
    expect(mine.body.columns[0].tickets[1]).toMatchObject({ dependencyCount: 1, specId: spec.id, running: false });

    const teammate = await createTestUser({ name: "Ada Teammate" });
    await addMember({ userId: owner.id, orgId: project.orgId, input: { email: teammate.email, role: "member" } });
    expect((await board(project.id, teammate.cookie)).body.columns[0].count).toBe(3);
    // A scope narrows the cards, never the count: a column's count is what its WIP limit counts, the whole column.
    const teammateMine = (await board(project.id, teammate.cookie, "mine")).body.columns[0];
    expect(teammateMine.tickets).toHaveLength(0);
    expect(teammateMine.count).toBe(3);
    expect((await board(project.id, owner.cookie, `spec:${spec.id}`)).body.columns[0].count).toBe(3);
    expect((await board(project.id, owner.cookie, "unassigned")).body.columns[0].count).toBe(3);

    // Assigned from a card: the card names the assignee, and the teammate's Mine and the Unassigned filter follow.
    const assigned = await callRoute(ticketRoute.PATCH, { method: "PATCH", params: { ticketId: tickets[2]!.id }, cookie: teammate.cookie, body: { assigneeId: teammate.id } });
    expect(assigned.status).toBe(200);
    const assignedCard = (await board(project.id, teammate.cookie, "mine")).body.columns[0].tickets;
    expect(assignedCard).toMatchObject([{ key: "OMOI-3", assigneeId: teammate.id, assigneeName: "Ada Teammate", integration: null }]);
    expect((await board(project.id, owner.cookie, "unassigned")).body.columns[0].tickets.map((t: { key: string }) => t.key)).toEqual(["OMOI-1", "OMOI-2"]);

    const stranger = await createTestUser();
    expect((await board(project.id, stranger.cookie)).status).toBe(404);
    expect((await callRoute(ticketRoute.GET, { params: { ticketId: tickets[0]!.id }, cookie: stranger.cookie })).status).toBe(404);
    expect((await callRoute(executeTasksRoute.POST, { method: "POST", params: { specId: spec.id }, cookie: stranger.cookie })).status).toBe(404);
  });

  it("moves cards by the status machine: invalid moves are 409, WIP limits hold unless forced, order is stable", async () => {
    const { owner, project, spec } = await plannedSpec();
    await callRoute(executeTasksRoute.POST, { method: "POST", params: { specId: spec.id }, cookie: owner.cookie });
    const [a, b, c] = await db.ticket.findMany({ where: { specId: spec.id }, orderBy: { number: "asc" } });
    const move = (body: object) => callRoute(boardMoveRoute.POST, { method: "POST", cookie: owner.cookie, body });

    const skip = await move({ ticketId: a!.id, toStatus: "done" });
    expect(skip.status).toBe(409);
    expect(skip.body.error.details).toMatchObject({ from: "backlog", to: "done" });

    // Reorder inside the backlog: C before A.
    expect((await move({ ticketId: c!.id, toStatus: "backlog", beforeTicketId: a!.id })).status).toBe(200);
    const order = (await board(project.id, owner.cookie)).body.columns[0].tickets.map((t: { key: string }) => t.key);
    expect(order).toEqual([c!.key, a!.key, b!.key]);

    await db.project.update({ where: { id: project.id }, data: { wipLimits: { analyzing: 1 } } });
    expect((await move({ ticketId: a!.id, toStatus: "analyzing" })).status).toBe(200);
    const over = await move({ ticketId: b!.id, toStatus: "analyzing" });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toMatch(/WIP limit \(1\)/);
    expect((await move({ ticketId: b!.id, toStatus: "analyzing", force: true })).status).toBe(200);
    const view = await board(project.id, owner.cookie);
    expect(view.body.columns[1]).toMatchObject({ status: "analyzing", count: 2, wipLimit: 1 });

    expect((await move({ ticketId: a!.id, toStatus: "nowhere" })).status).toBe(422);
    expect((await move({ ticketId: a!.id, toStatus: "backlog", beforeTicketId: b!.id })).status).toBe(422);
    const patch = await callRoute(ticketRoute.PATCH, { method: "PATCH", params: { ticketId: c!.id }, cookie: owner.cookie, body: { status: "testing" } });
    expect(patch.status).toBe(409);
  });

  it("leaves work waiting in review or integration to its pipeline: no hand move into Review, or from Review to Done (409)", async () => {
    const { owner, spec } = await plannedSpec();
    await callRoute(executeTasksRoute.POST, { method: "POST", params: { specId: spec.id }, cookie: owner.cookie });
    const [a, b] = await db.ticket.findMany({ where: { specId: spec.id }, orderBy: { number: "asc" } });
    const move = (ticketId: string, toStatus: string) => callRoute(boardMoveRoute.POST, { method: "POST", cookie: owner.cookie, body: { ticketId, toStatus } });
    const setIntegration = (ticketId: string, integration: "review" | "queued" | "integrating" | "integrated" | null) =>
      db.task.updateMany({ where: { ticketId }, data: { integration } });

    // Accepted work in Testing, waiting for a reviewer: a drag into Review is refused, with what to do instead.
    await db.ticket.update({ where: { id: a!.id }, data: { status: "testing" } });
    await setIntegration(a!.id, "review");
    // The board knows it before the drop: each card carries its latest task's integration state.
    const testing = (await board(spec.projectId, owner.cookie)).body.columns.find((c: { status: string }) => c.status === "testing");
    expect(testing.tickets).toMatchObject([{ id: a!.id, integration: "review" }]);
    const intoReview = await move(a!.id, "review");
    expect(intoReview.status).toBe(409);
    expect(intoReview.body.error.message).toMatch(new RegExp(`^${a!.key}'s work is waiting for a reviewer; approve it or request changes on the ticket page`));
    expect(intoReview.body.error.details).toMatchObject({ from: "testing", to: "review", integration: "review" });

    // In Review: not to Done by hand, whether it waits for the reviewer or for the merge (queued, integrating).
    await db.ticket.update({ where: { id: a!.id }, data: { status: "review" } });
    for (const integration of ["review", "queued", "integrating"] as const) {
      await setIntegration(a!.id, integration);
      const toDone = await move(a!.id, "done");
      expect(toDone.status).toBe(409);
      expect(toDone.body.error.message).toMatch(/approve it or request changes on the ticket page/);
      expect(toDone.body.error.details).toMatchObject({ from: "review", to: "done", integration });
      const patched = await callRoute(ticketRoute.PATCH, { method: "PATCH", params: { ticketId: a!.id }, cookie: owner.cookie, body: { status: "done" } });
      expect(patched.status).toBe(409);
    }
    expect((await db.ticket.findUniqueOrThrow({ where: { id: a!.id } })).status).toBe("review");
    // Reordering inside Review and putting the work back stay a person's moves.
    expect((await move(a!.id, "review")).status).toBe(200);
    expect((await move(a!.id, "building")).status).toBe(200);

    // Only the latest task counts: an older attempt's state does not hold a new one back.
    await db.ticket.update({ where: { id: b!.id }, data: { status: "review" } });
    await setIntegration(b!.id, "review");
    await db.task.create({ data: { ticketId: b!.id, status: "completed", integration: "integrated", createdAt: new Date(Date.now() + 1_000) } });
    expect((await move(b!.id, "done")).status).toBe(200);
  });
});

describe("tickets API", () => {
  it("creates quick tickets with a task (queued when the project auto-executes) and spec-driven ones as specs", async () => {
    const owner = await createTestUser();
    const project = await createTestProject(owner.id, { autoExecuteTickets: false });
    const quick = await callRoute(ticketsRoute.POST, { method: "POST", cookie: owner.cookie, body: { projectId: project.id, title: "Fix the typo in the README", priority: "LOW" } });
    expect(quick.status).toBe(201);
    expect(quick.body).toMatchObject({ mode: "quick", ticket: { key: "OMOI-1", userId: owner.id, status: "backlog", priority: "LOW" } });
    const task = await db.task.findFirstOrThrow({ where: { ticketId: quick.body.ticket.id } });
    expect(task).toMatchObject({ kind: "quick", status: "pending" });

    const run = await callRoute(runRoute.POST, { method: "POST", params: { ticketId: quick.body.ticket.id }, cookie: owner.cookie });
    expect(run.body).toMatchObject({ status: "queued" });
    expect((await callRoute(runRoute.POST, { method: "POST", params: { ticketId: quick.body.ticket.id }, cookie: owner.cookie })).status).toBe(409);
    expect((await callRoute(cancelRoute.POST, { method: "POST", params: { ticketId: quick.body.ticket.id }, cookie: owner.cookie })).body).toMatchObject({ status: "cancelled" });
    expect((await callRoute(cancelRoute.POST, { method: "POST", params: { ticketId: quick.body.ticket.id }, cookie: owner.cookie })).status).toBe(409);

    const specDriven = await callRoute(ticketsRoute.POST, {
      method: "POST",
      cookie: owner.cookie,
      body: { projectId: project.id, title: "Dark mode", description: "A dark theme for every page", workflowMode: "spec_driven" },
    });
    expect(specDriven.body).toMatchObject({ mode: "spec_driven", specId: expect.any(String) });
    expect((await db.spec.findUniqueOrThrow({ where: { id: specDriven.body.specId } })).userId).toBe(owner.id);

    const list = await callRoute(ticketsRoute.GET, { path: `/x?projectId=${project.id}&q=typo`, cookie: owner.cookie });
    expect(list.body.tickets.map((t: { key: string }) => t.key)).toEqual(["OMOI-1"]);
    const detail = await callRoute(ticketRoute.GET, { params: { ticketId: quick.body.ticket.id }, cookie: owner.cookie });
    expect(detail.body.tasks).toHaveLength(1);
    expect(detail.body.tasks[0].status).toBe("cancelled");

    const bad = await callRoute(ticketsRoute.POST, { method: "POST", cookie: owner.cookie, body: { projectId: project.id, title: "", priority: "URGENT" } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(["priority", "title"]);
    const stranger = await createTestUser();
    const assign = await callRoute(ticketRoute.PATCH, { method: "PATCH", params: { ticketId: quick.body.ticket.id }, cookie: owner.cookie, body: { assigneeId: stranger.id } });
    expect(assign.status).toBe(422);
  });
});

describe("the command page's Quick mode through POST /api/v1/tickets", () => {
  it("makes the very ticket the quick-task service makes of the same prompt (title from its first line, all of it as description)", async () => {
    const owner = await createTestUser();
    const project = await createTestProject(owner.id, { autoExecuteTickets: false });
    for (const prompt of ["## Add a note about greetings\nKeep it short.", `\n  ${"Very long first line ".repeat(10)}\nand more`]) {
      const viaApi = await callRoute(ticketsRoute.POST, { method: "POST", cookie: owner.cookie, body: quickTaskTicketInput({ projectId: project.id, prompt }) });
      expect(viaApi.status).toBe(201);
      const viaService = await createQuickTask({ userId: owner.id, input: { projectId: project.id, prompt } });
      expect({ title: viaApi.body.ticket.title, description: viaApi.body.ticket.description, priority: viaApi.body.ticket.priority }).toEqual({
        title: viaService.title,
        description: viaService.description,
        priority: viaService.priority,
      });
    }
  });
});
