import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestUser, uniqueSuffix } from "@/test/factories";

// Proves the migrated database matches prisma/schema.prisma: every model is written and read back through the
// generated client, relations included. A column the migration lacks fails here.
describe("migrated schema", () => {
  it("stores and reads every model of the domain", async () => {
    const owner = await createTestUser();
    const s = uniqueSuffix();
    const project = await db.project.create({
      data: { orgId: owner.orgId, name: `schema-${s}`, createdById: owner.id, wipLimits: { building: 2 }, budgetUsd: 12.5 },
    });
    const apiKey = await db.apiKey.create({
      data: { userId: owner.id, name: "k", prefix: "omoi_x", keyHash: `h-${s}`, scopes: ["read"] },
    });
    const spec = await db.spec.create({
      data: { projectId: project.id, userId: owner.id, title: "Spec", description: "An idea", syncPlan: { waves: [] } },
    });
    await db.phaseRun.create({
      data: { specId: spec.id, phase: "requirements", attempt: 1, status: "passed", score: 0.9, issues: [], output: { ok: true } },
    });
    const requirement = await db.specRequirement.create({
      data: {
        specId: spec.id,
        localId: "REQ-AUTH-001",
        title: "Sign in",
        earsType: "event_driven",
        condition: "WHEN a user submits credentials",
        action: "THE SYSTEM SHALL sign them in",
        text: "WHEN a user submits credentials THE SYSTEM SHALL sign them in",
        criteria: { create: [{ text: "valid credentials sign in" }, { text: "invalid ones do not" }] },
      },
    });
    await db.specDesign.create({ data: { specId: spec.id, architecture: "# Design", components: [{ name: "Auth" }] } });
    const taskA = await db.specTask.create({
      data: { specId: spec.id, localId: "TSK-001", title: "A", description: "a", requirementRefs: ["REQ-AUTH-001"] },
    });
    const taskB = await db.specTask.create({ data: { specId: spec.id, localId: "TSK-002", title: "B", description: "b" } });
    await db.specTaskDependency.create({ data: { taskId: taskB.id, dependsOnId: taskA.id } });
    const ticketA = await db.ticket.create({
      data: { projectId: project.id, userId: owner.id, specId: spec.id, specTaskId: taskA.id, key: `T-${s}-1`, number: 1, title: "A" },
    });
    const ticketB = await db.ticket.create({
      data: { projectId: project.id, userId: owner.id, specId: spec.id, specTaskId: taskB.id, key: `T-${s}-2`, number: 2, title: "B" },
    });
    await db.ticketDependency.create({ data: { ticketId: ticketB.id, dependsOnId: ticketA.id } });
    const sandbox = await db.sandbox.create({ data: { purpose: "task", specId: spec.id, tokenHash: `sb-${s}` } });
    const task = await db.task.create({
      data: { ticketId: ticketA.id, specTaskId: taskA.id, status: "queued", sandboxId: sandbox.id, executionConfig: { model: "m" } },
    });
    await db.sandbox.update({ where: { id: sandbox.id }, data: { taskId: task.id } });
    const first = await db.sandboxEvent.create({
      data: { sandboxId: sandbox.id, specId: spec.id, taskId: task.id, type: "task.started", clientEventId: "c1" },
    });
    const second = await db.sandboxEvent.create({ data: { sandboxId: sandbox.id, specId: spec.id, type: "spec.progress" } });
    await db.llmUsage.create({ data: { specId: spec.id, taskId: task.id, sandboxId: sandbox.id, model: "claude", inputTokens: 10, costUsd: 0.001 } });
    await db.llmUsage.create({ data: { specId: spec.id, sandboxId: sandbox.id, model: "claude", endpoint: "messages/count_tokens", inputTokens: 7 } });
    await db.sandbox.update({ where: { id: sandbox.id }, data: { countTokensWindowAt: new Date(), countTokensCalls: 2 } });
    await db.orgDailyUsage.create({ data: { orgId: owner.orgId, day: new Date("2026-12-03T00:00:00Z"), costUsd: 1.25, calls: 3 } });
    await db.rateLimit.create({ data: { key: `schema:${s}`, points: 1, expire: BigInt(Date.now() + 60_000) } });
    const childKey = await db.apiKey.create({
      data: { userId: owner.id, name: "child", prefix: "omoi_y", keyHash: `h2-${s}`, scopes: ["read"], parentKeyId: apiKey.id },
    });
    const invitation = await db.invitation.create({
      data: { orgId: owner.orgId, email: `invitee-${s}@example.test`, role: "admin", tokenHash: `inv-${s}`, invitedById: owner.id, expiresAt: new Date(Date.now() + 60_000) },
    });
    await db.user.update({ where: { id: owner.id }, data: { emailVerifiedAt: new Date(), sessionsRevokedAt: new Date() } });

    expect(second.seq).toBeGreaterThan(first.seq);
    await expect(
      db.sandboxEvent.create({ data: { sandboxId: sandbox.id, type: "x", clientEventId: "c1" } }),
    ).rejects.toMatchObject({ code: "P2002" });

    const loaded = await db.spec.findUniqueOrThrow({
      where: { id: spec.id },
      include: {
        phaseRuns: true,
        requirements: { include: { criteria: true } },
        design: true,
        tasks: { include: { dependsOn: true, ticket: { include: { dependsOn: true, tasks: true } } } },
        sandboxes: { include: { events: true, currentTask: true } },
        llmUsage: true,
        user: true,
        project: { include: { org: { include: { memberships: true } } } },
      },
    });
    expect(loaded.user.id).toBe(owner.id);
    expect(loaded.project.org.memberships[0]?.role).toBe("owner");
    expect(loaded.requirements[0]?.criteria).toHaveLength(2);
    expect(loaded.design?.architecture).toBe("# Design");
    const loadedB = loaded.tasks.find((t) => t.localId === "TSK-002")!;
    expect(loadedB.dependsOn[0]?.dependsOnId).toBe(taskA.id);
    expect(loadedB.ticket?.dependsOn[0]?.dependsOnId).toBe(ticketA.id);
    expect(loaded.sandboxes[0]?.events).toHaveLength(2);
    expect(loaded.sandboxes[0]?.currentTask?.id).toBe(task.id);
    expect(loaded.llmUsage.map((u) => [u.endpoint, Number(u.costUsd)]).sort()).toEqual([["messages", 0.001], ["messages/count_tokens", 0]]);
    expect(loaded.sandboxes[0]).toMatchObject({ countTokensCalls: 2 });
    const day = await db.orgDailyUsage.findUniqueOrThrow({ where: { orgId_day: { orgId: owner.orgId, day: new Date("2026-12-03T00:00:00Z") } }, include: { org: true } });
    expect(day).toMatchObject({ calls: 3, org: { id: owner.orgId } });
    expect(Number(day.costUsd)).toBe(1.25);
    expect(requirement.earsType).toBe("event_driven");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).scopes).toEqual(["read"]);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id }, include: { childKeys: true } })).childKeys.map((k) => k.id)).toEqual([childKey.id]);
    const loadedInvitation = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id }, include: { org: true, invitedBy: true, acceptedBy: true } });
    expect(loadedInvitation).toMatchObject({ role: "admin", org: { id: owner.orgId }, invitedBy: { id: owner.id }, acceptedBy: null });
    const reloadedOwner = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(reloadedOwner.emailVerifiedAt).not.toBeNull();
    expect(reloadedOwner.sessionsRevokedAt).not.toBeNull();

    // A spec task has at most one ticket (re-running SYNC must never duplicate).
    await expect(
      db.ticket.create({
        data: { projectId: project.id, userId: owner.id, specTaskId: taskA.id, key: `T-${s}-3`, number: 3, title: "dup" },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});
