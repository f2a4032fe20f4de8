import { describe, expect, it } from "vitest";
import { POST as addMember } from "@/app/api/v1/orgs/[orgId]/members/route";
import { GET as getOverview } from "@/app/api/v1/projects/[projectId]/overview/route";
import { db } from "@/lib/db/client";
import { projectOverviewSchema } from "@/lib/projects/project-overview-schemas";
import { callRoute } from "@/test/call-route";
import { createTestProject, createTestUser } from "@/test/factories";

const overview = (projectId: string, cookie?: string) => callRoute(getOverview, { params: { projectId }, cookie });

describe("a project's overview", () => {
  it("has its specs, tickets per column, recent activity linked to its spec or ticket, and its cost", async () => {
    const owner = await createTestUser();
    const project = await createTestProject(owner.id, { name: "Shop" });
    const other = await createTestProject(owner.id, { name: "Elsewhere" });

    const planned = await db.spec.create({
      data: { projectId: project.id, userId: owner.id, title: "Checkout", description: "Pay with a card", generationStatus: "completed", currentPhase: "complete", progress: 100, costUsd: 1.25 },
    });
    const running = await db.spec.create({
      data: { projectId: project.id, userId: owner.id, title: "Search", description: "Find products", generationStatus: "running", currentPhase: "design", costUsd: 0.5 },
    });
    await db.spec.create({ data: { projectId: other.id, userId: owner.id, title: "Not here", description: "Another project", costUsd: 9 } });

    let number = 0;
    const ticket = (status: "backlog" | "building" | "done", extra: { specId?: string; isBlocked?: boolean } = {}) =>
      db.ticket.create({ data: { projectId: project.id, userId: owner.id, key: `SHOP-${++number}`, number, title: `Ticket ${number}`, status, ...extra } });
    const specTicket = await ticket("done", { specId: planned.id });
    const quick = await ticket("building");
    await ticket("backlog", { isBlocked: true });
    await ticket("backlog");
    // A spec ticket's agent is metered on its spec too; a quick ticket's only on its task.
    const specTask = await db.task.create({ data: { ticketId: specTicket.id, status: "completed", costUsd: 0.75, completedAt: new Date(Date.now() - 60_000) } });
    const quickTask = await db.task.create({ data: { ticketId: quick.id, status: "failed", costUsd: 0.1, error: "tests failed", completedAt: new Date() } });

    const events = [
      { specId: planned.id, type: "spec.phase_completed", data: { phase: "design", score: 0.9, attempt: 1 } },
      { specId: planned.id, type: "spec.heartbeat", data: {} },
      { specId: planned.id, taskId: specTask.id, type: "task.completed", data: { summary: "Card payments work" } },
      { specId: planned.id, taskId: specTask.id, type: "agent.tool_use", data: { tool: "read_file" } },
      { taskId: quickTask.id, type: "task.failed", data: { reason: "tests failed" } },
      { specId: running.id, type: "spec.phase_started", data: { phase: "design", attempt: 1 } },
    ];
    for (const event of events) await db.sandboxEvent.create({ data: { source: "agent", ...event } });

    const res = await overview(project.id, owner.cookie);
    expect(res.status).toBe(200);
    expect(projectOverviewSchema.safeParse(res.body).error?.issues ?? []).toEqual([]);
    const body = projectOverviewSchema.parse(res.body);
    expect(body.project).toMatchObject({ id: project.id, name: "Shop", viewerRole: "owner", repoHealth: { status: "none" } });
    expect(body.project.lastDelivery).toEqual({ status: "failed", at: expect.any(String), ticketId: quick.id, ticketKey: quick.key });
    expect(body.specs.map((spec) => [spec.title, spec.generationStatus])).toEqual([["Search", "running"], ["Checkout", "completed"]]);
    expect(body.specCount).toBe(2);
    expect(body.tickets).toEqual({ byStatus: { backlog: 2, analyzing: 0, building: 1, testing: 0, review: 0, done: 1 }, blocked: 1, total: 4 });
    expect(body.cost).toEqual({ specsUsd: 1.75, quickTicketsUsd: 0.1, totalUsd: 1.85 });
    expect(body.isActive).toBe(true);
    // Newest first, without heartbeats and tool calls, each with what it links to.
    expect(body.activity.map((event) => [event.type, event.specTitle, event.ticketKey])).toEqual([
      ["spec.phase_started", "Search", null],
      ["task.failed", null, quick.key],
      ["task.completed", "Checkout", specTicket.key],
      ["spec.phase_completed", "Checkout", null],
    ]);
    expect(body.activity[1]).toMatchObject({ ticketId: quick.id, taskId: quickTask.id, data: { reason: "tests failed" } });
  });

  it("is shown to members of the organization only", async () => {
    const owner = await createTestUser();
    const member = await createTestUser();
    const stranger = await createTestUser();
    const project = await createTestProject(owner.id);
    expect((await callRoute(addMember, { method: "POST", cookie: owner.cookie, params: { orgId: owner.orgId }, body: { email: member.email } })).status).toBe(201);

    const seen = await overview(project.id, member.cookie);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ project: { viewerRole: "member" }, specs: [], activity: [], isActive: false, cost: { totalUsd: 0 } });
    const refused = await overview(project.id, stranger.cookie);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain(project.name);
    expect((await overview(project.id)).status).toBe(401);
  });
});
