import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as specsRoute from "@/app/api/v1/specs/route";
import * as launchRoute from "@/app/api/v1/specs/launch/route";
import * as ticketsRoute from "@/app/api/v1/tickets/route";
import * as specRoute from "@/app/api/v1/specs/[specId]/route";
import * as sandboxRoute from "@/app/api/v1/sandboxes/[id]/route";
import { db } from "@/lib/db/client";
import { callRoute } from "@/test/call-route";
import { createTestApiKey, createTestProject, createTestUser } from "@/test/factories";

describe("specs API", () => {
  it("creates a running spec owned by the caller and queues its sandbox in the same transaction", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id, { approvalMode: "manual" });
    const created = await callRoute(specsRoute.POST, {
      method: "POST",
      cookie: user.cookie,
      body: { projectId: project.id, description: "# Dark mode\nLet people switch the UI to a dark theme." },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("deprecation")).toBeNull();
    expect(created.body.spec).toMatchObject({
      projectId: project.id,
      userId: user.id,
      title: "Dark mode",
      generationStatus: "running",
      currentPhase: "explore",
      approvalMode: "manual",
    });
    const jobs = await db.$queryRawUnsafe<{ task_identifier: string }[]>(
      "SELECT task_identifier FROM graphile_worker.jobs WHERE key = $1",
      `spawn-spec:${created.body.spec.id}`,
    );
    expect(jobs).toEqual([{ task_identifier: "spawn_spec_sandbox" }]);

    const list = await callRoute(specsRoute.GET, { path: `/x?projectId=${project.id}`, cookie: user.cookie });
    expect(list.body.specs.map((s: { id: string }) => s.id)).toEqual([created.body.spec.id]);
    const one = await callRoute(specRoute.GET, { params: { specId: created.body.spec.id }, cookie: user.cookie });
    expect(one.body.spec.description).toContain("dark theme");
    expect(one.body).toMatchObject({ phaseRuns: [], requirements: [], design: null, tasks: [], tickets: { total: 0 } });
  });

  it("refuses bad input with field errors, and other organizations' projects and specs with 404", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const short = await callRoute(specsRoute.POST, { method: "POST", cookie: user.cookie, body: { projectId: project.id, description: "hi" } });
    expect(short.status).toBe(422);
    expect(short.body.error.details.fields.description).toBeDefined();

    const stranger = await createTestUser();
    const key = await createTestApiKey(stranger.id);
    const foreign = await callRoute(specsRoute.POST, { method: "POST", apiKey: key.key, body: { projectId: project.id, description: "Build something nice" } });
    expect(foreign.status).toBe(404);
    const mine = await callRoute(specsRoute.POST, { method: "POST", cookie: user.cookie, body: { projectId: project.id, description: "Build something nice" } });
    expect((await callRoute(specRoute.GET, { params: { specId: mine.body.spec.id }, apiKey: key.key })).status).toBe(404);
    expect((await callRoute(specsRoute.GET, { path: `/x?projectId=${project.id}`, apiKey: key.key })).status).toBe(404);
    expect((await callRoute(specsRoute.GET, { path: "/x" , cookie: user.cookie })).status).toBe(422);
    expect(await db.spec.count({ where: { projectId: project.id } })).toBe(1);
  });
});

const spawnJobs = (specId: string) =>
  db.$queryRawUnsafe<{ task_identifier: string }[]>(
    "SELECT task_identifier FROM graphile_worker.jobs WHERE key = $1",
    `spawn-spec:${specId}`,
  );

const SUCCESSOR_LINK = '</api/v1/specs>; rel="successor-version"';

describe("one way in: POST /api/v1/specs and its deprecated aliases", () => {
  it("POST /specs creates and launches: the spec's sandbox is queued and the answer carries the launch fields too", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id, { autoExecuteTickets: false });
    const created = await callRoute(specsRoute.POST, {
      method: "POST",
      cookie: user.cookie,
      body: { projectId: project.id, description: "Greet people in French\nand in German.", approvalMode: "auto", autoExecute: true },
    });
    expect(created.status).toBe(201);
    const specId = created.body.spec.id;
    // What POST /specs/launch's callers read (specId, status, currentPhase, sandboxId), beside POST /specs's own `spec`.
    expect(created.body).toEqual({ spec: expect.objectContaining({ id: specId, title: "Greet people in French" }), specId, status: "running", currentPhase: "explore", sandboxId: null });
    expect(await spawnJobs(specId)).toEqual([{ task_identifier: "spawn_spec_sandbox" }]);
    expect((await db.spec.findUniqueOrThrow({ where: { id: specId } })).autoExecute).toBe(true);
  });

  it("POST /specs/launch still launches, through the same service, and says it is deprecated", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id, { autoExecuteTickets: false, approvalMode: "manual" });
    const launched = await callRoute(launchRoute.POST, { method: "POST", cookie: user.cookie, body: { projectId: project.id, prompt: "# Dark mode\nA dark theme for every page" } });
    expect(launched.status).toBe(201);
    expect(launched.headers.get("deprecation")).toBe("true");
    expect(launched.headers.get("link")).toBe(SUCCESSOR_LINK);
    // Its own fields as before, plus the spec (POST /specs's answer).
    const { specId } = launched.body;
    expect(launched.body).toMatchObject({ specId, status: "running", currentPhase: "explore", sandboxId: null });
    expect(launched.body.spec).toMatchObject({ id: specId, title: "Dark mode", description: "# Dark mode\nA dark theme for every page", approvalMode: "manual", userId: user.id });
    expect(await spawnJobs(specId)).toEqual([{ task_identifier: "spawn_spec_sandbox" }]);
    // The alias's default stays: its specs run their tickets by themselves unless told otherwise.
    expect((await db.spec.findUniqueOrThrow({ where: { id: specId } })).autoExecute).toBe(true);
  });

  it("POST /tickets {workflowMode: spec_driven} still launches a spec, through the same service, and says it is deprecated", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id, { autoExecuteTickets: false });
    const specDriven = await callRoute(ticketsRoute.POST, {
      method: "POST",
      cookie: user.cookie,
      body: { projectId: project.id, title: "Dark mode", description: "A dark theme for every page", workflowMode: "spec_driven" },
    });
    expect(specDriven.status).toBe(201);
    expect(specDriven.headers.get("deprecation")).toBe("true");
    expect(specDriven.headers.get("link")).toBe(SUCCESSOR_LINK);
    const { specId } = specDriven.body;
    expect(specDriven.body).toMatchObject({ mode: "spec_driven", specId: expect.any(String), sandboxId: null, spec: { id: specId, title: "Dark mode", generationStatus: "running" } });
    expect((await db.spec.findUniqueOrThrow({ where: { id: specId } })).description).toBe("Dark mode\n\nA dark theme for every page");
    expect(await spawnJobs(specId)).toEqual([{ task_identifier: "spawn_spec_sandbox" }]);
    expect(await db.ticket.count({ where: { projectId: project.id } })).toBe(0);

    // Quick tickets are not an alias of anything.
    const quick = await callRoute(ticketsRoute.POST, { method: "POST", cookie: user.cookie, body: { projectId: project.id, title: "Fix the typo" } });
    expect(quick.status).toBe(201);
    expect(quick.headers.get("deprecation")).toBeNull();
  });

  it("takes the review mode of the project unless the launch chooses one; the spec keeps and shows it", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id, { reviewMode: "manual", autoExecuteTickets: false });
    const launch = (body: object) => callRoute(specsRoute.POST, { method: "POST", cookie: user.cookie, body: { projectId: project.id, description: "Greet people in French", ...body } });

    const inherited = await launch({});
    expect(inherited.status).toBe(201);
    expect(inherited.body.spec.reviewMode).toBe("manual");
    const chosen = await launch({ reviewMode: "auto" });
    expect(chosen.status).toBe(201);
    expect(chosen.body.spec.reviewMode).toBe("auto");
    expect((await db.spec.findUniqueOrThrow({ where: { id: chosen.body.specId } })).reviewMode).toBe("auto");
    const read = await callRoute(specRoute.GET, { params: { specId: inherited.body.specId }, cookie: user.cookie });
    expect(read.body.spec.reviewMode).toBe("manual");
    const listed = await callRoute(specsRoute.GET, { path: `/x?projectId=${project.id}`, cookie: user.cookie });
    expect(Object.fromEntries(listed.body.specs.map((spec: { id: string; reviewMode: string }) => [spec.id, spec.reviewMode]))).toEqual({
      [inherited.body.specId]: "manual",
      [chosen.body.specId]: "auto",
    });
    // The deprecated alias takes it too.
    const viaLaunch = await callRoute(launchRoute.POST, { method: "POST", cookie: user.cookie, body: { projectId: project.id, prompt: "Greet people in German", reviewMode: "auto" } });
    expect(viaLaunch.body.spec.reviewMode).toBe("auto");

    const refused = await launch({ reviewMode: "whenever" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.fields).toEqual({ reviewMode: ['Choose "auto" or "manual"'] });
    expect(await db.spec.count({ where: { projectId: project.id } })).toBe(3);
  });

  it("refuses bad input with 422 and the field at fault, by each way in's own field names, creating nothing", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const viaSpecs = await callRoute(specsRoute.POST, { method: "POST", cookie: user.cookie, body: { projectId: project.id, description: "hi", approvalMode: "sometimes" } });
    expect(viaSpecs.status).toBe(422);
    expect(viaSpecs.body.error.code).toBe("validation_failed");
    expect(viaSpecs.body.error.details.fields).toEqual({ description: ["Describe the idea in at least 10 characters"], approvalMode: [expect.any(String)] });

    const viaLaunch = await callRoute(launchRoute.POST, { method: "POST", cookie: user.cookie, body: { projectId: project.id, prompt: "hi" } });
    expect(viaLaunch.status).toBe(422);
    expect(viaLaunch.body.error.details.fields).toEqual({ prompt: ["Describe the idea in at least 10 characters"] });

    const viaTickets = await callRoute(ticketsRoute.POST, { method: "POST", cookie: user.cookie, body: { projectId: project.id, title: " ", workflowMode: "spec_driven" } });
    expect(viaTickets.status).toBe(422);
    expect(Object.keys(viaTickets.body.error.details.fields)).toEqual(["title"]);

    expect(await db.spec.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("GET /api/v1/sandboxes/{id}", () => {
  it("shows members the sandbox's state and the tail of its log", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const spec = await db.spec.create({ data: { projectId: project.id, userId: user.id, title: "t", description: "d" } });
    const logPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-log-")), "agent.log");
    fs.writeFileSync(logPath, `${"early line\n".repeat(5000)}the last line\n`);
    const sandbox = await db.sandbox.create({
      data: { purpose: "spec", specId: spec.id, status: "running", externalId: "x", workspacePath: "/nowhere", logPath, lastHeartbeatAt: new Date() },
    });
    const response = await callRoute(sandboxRoute.GET, { params: { id: sandbox.id }, cookie: user.cookie });
    expect(response.status).toBe(200);
    expect(response.body.sandbox).toMatchObject({ id: sandbox.id, provider: "local", status: "running", specId: spec.id });
    // What it worked on, named for people (the page's title and its way back).
    expect(response.body.sandbox.subject).toEqual({ kind: "spec", projectId: project.id, specId: spec.id, title: "t" });
    expect(response.body.sandbox.logTail.endsWith("the last line\n")).toBe(true);
    expect(response.body.sandbox.logTail.length).toBeLessThanOrEqual(16 * 1024);
    expect(response.body.sandbox).not.toHaveProperty("tokenHash");
  });

  it("scrubs the log tail like events: token shapes and the server's own secret values never reach members", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const spec = await db.spec.create({ data: { projectId: project.id, userId: user.id, title: "t", description: "d" } });
    const logPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-log-")), "agent.log");
    const githubToken = `ghp_${"Zx9".repeat(12)}`;
    const sandboxToken = `omoisbx_${"q".repeat(43)}`;
    // What an agent's command might print: its environment, a clone URL, the server's session secret it read somewhere.
    fs.writeFileSync(
      logPath,
      [`GITHUB_TOKEN=${githubToken}`, `OMOIOS_SANDBOX_TOKEN=${sandboxToken}`, "remote: https://x-access-token:s3cretpassw0rd@github.com/acme/app.git", `secret: ${process.env.NEXTAUTH_SECRET}`, "done\n"].join("\n"),
    );
    const sandbox = await db.sandbox.create({
      data: { purpose: "spec", specId: spec.id, status: "running", externalId: "x", workspacePath: "/nowhere", logPath, lastHeartbeatAt: new Date() },
    });
    const response = await callRoute(sandboxRoute.GET, { params: { id: sandbox.id }, cookie: user.cookie });
    const tail: string = response.body.sandbox.logTail;
    for (const secret of [githubToken, sandboxToken, "s3cretpassw0rd", process.env.NEXTAUTH_SECRET!]) expect(tail).not.toContain(secret);
    expect(tail).toContain("GITHUB_TOKEN=[redacted]");
    expect(tail).toContain("https://x-access-token:[redacted]@github.com/acme/app.git");
    expect(tail.endsWith("done\n")).toBe(true);
  });
});
