import { afterEach, describe, expect, it } from "vitest";
import * as readinessRoute from "@/app/api/v1/projects/[projectId]/readiness/route";
import * as launchRoute from "@/app/api/v1/specs/launch/route";
import * as runRoute from "@/app/api/v1/tickets/[ticketId]/run/route";
import * as ticketsRoute from "@/app/api/v1/tickets/route";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { callRoute } from "@/test/call-route";
import { createTestProject, createTestUser } from "@/test/factories";

const saved = { ORG_DAILY_BUDGET_USD: process.env.ORG_DAILY_BUDGET_USD, SPEC_BUDGET_USD: process.env.SPEC_BUDGET_USD };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadEnv();
});

const today = () => new Date(new Date().toISOString().slice(0, 10));

describe("the organization's daily cap at launch", () => {
  it("shows the budgets before launch, and refuses every way to start work once the cap is spent — for that organization only", async () => {
    Object.assign(process.env, { ORG_DAILY_BUDGET_USD: "2", SPEC_BUDGET_USD: "0.5" });
    reloadEnv();
    const spender = await createTestUser();
    const project = await createTestProject(spender.id, { autoExecuteTickets: false });
    const autoProject = await createTestProject(spender.id, { autoExecuteTickets: true });
    const other = await createTestUser();
    const otherProject = await createTestProject(other.id, {});

    // Before the cap is reached: ready, and the launch form's figures are the ones the proxy enforces.
    await db.orgDailyUsage.create({ data: { orgId: spender.orgId, day: today(), costUsd: "1.25", calls: 3 } });
    const before = await callRoute(readinessRoute.GET, { params: { projectId: project.id }, cookie: spender.cookie });
    expect(before.body).toMatchObject({
      ready: true,
      budget: { specUsd: 0.5, source: "default", orgDailyUsd: 2, orgSpentTodayUsd: 1.25, orgCapSpent: false },
    });
    // A ticket to run later, made while there was budget left.
    const ticket = await callRoute(ticketsRoute.POST, { method: "POST", cookie: spender.cookie, body: { projectId: project.id, title: "Fix the typo" } });
    expect(ticket.status).toBe(201);

    // The organization spends the rest of the day's cap.
    await db.orgDailyUsage.update({ where: { orgId_day: { orgId: spender.orgId, day: today() } }, data: { costUsd: "2.0001" } });
    const after = await callRoute(readinessRoute.GET, { params: { projectId: project.id }, cookie: spender.cookie });
    expect(after.body.ready).toBe(false);
    expect(after.body.problems).toEqual([{ code: "org_budget_spent", message: expect.stringContaining("daily model budget of $2.00 (ORG_DAILY_BUDGET_USD) is spent") }]);

    const specsBefore = await db.spec.count({ where: { projectId: project.id } });
    const launch = await callRoute(launchRoute.POST, { method: "POST", cookie: spender.cookie, body: { projectId: project.id, prompt: "Greet people in French" } });
    expect(launch.status).toBe(402);
    expect(launch.body.error).toMatchObject({ code: "budget_exceeded", message: expect.stringContaining("renews at 00:00 UTC") });
    expect(launch.body.error.details.fields.projectId[0]).toContain("ORG_DAILY_BUDGET_USD");
    expect(await db.spec.count({ where: { projectId: project.id } })).toBe(specsBefore);

    const quick = await callRoute(ticketsRoute.POST, {
      method: "POST",
      cookie: spender.cookie,
      body: { projectId: autoProject.id, title: "Quick fix", workflowMode: "quick" },
    });
    expect(quick.status).toBe(402);
    expect(await db.ticket.count({ where: { projectId: autoProject.id } })).toBe(0);
    const queuedBefore = await db.task.count({ where: { ticket: { projectId: project.id }, status: "queued" } });
    const run = await callRoute(runRoute.POST, { method: "POST", params: { ticketId: ticket.body.ticket?.id ?? ticket.body.id }, cookie: spender.cookie });
    expect(run.status).toBe(402);
    expect(await db.task.count({ where: { ticket: { projectId: project.id }, status: "queued" } })).toBe(queuedBefore);

    // Another organization's day is its own.
    const elsewhere = await callRoute(readinessRoute.GET, { params: { projectId: otherProject.id }, cookie: other.cookie });
    expect(elsewhere.body).toMatchObject({ budget: { orgSpentTodayUsd: 0, orgCapSpent: false } });
    expect(elsewhere.body.problems.map((p: { code: string }) => p.code)).not.toContain("org_budget_spent");
  });
});
