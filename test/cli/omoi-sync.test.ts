import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as executeTasksRoute from "@/app/api/v1/specs/[specId]/execute-tasks/route";
import { db } from "@/lib/db/client";
import { readOmoiWorkspace } from "@/lib/cli/read-omoi-workspace";
import { canonical } from "@/lib/omoi-files/plan-omoi-push";
import { addMember } from "@/lib/orgs/add-member";
import { materializeDesign, materializeRequirements, materializeTasks } from "@/lib/specs/materialize-phase";
import { createTicketsFromSpec } from "@/lib/specs/create-tickets-from-spec";
import { callRoute } from "@/test/call-route";
import { cliHarness, removeHarnessDirs, type CliHarness } from "@/test/cli/cli-harness";
import { startCliTestServer, type CliTestServer } from "@/test/cli/cli-test-server";
import { SAMPLE_OUTPUTS } from "@/test/fake-anthropic/scripted-spec-agent";
import { createTestApiKey, createTestProject, createTestUser, type TestUser } from "@/test/factories";

const run = promisify(execFile);
let server: CliTestServer;
beforeAll(async () => {
  server = await startCliTestServer();
});
afterAll(async () => {
  await server.close();
  removeHarnessDirs();
});

/** An owner with a project and an API key, and a teammate in the project's organization. */
async function team() {
  const owner = await createTestUser();
  const project = await createTestProject(owner.id, { autoExecuteTickets: false });
  const teammate = await createTestUser();
  await addMember({ userId: owner.id, orgId: project.orgId, input: { email: teammate.email, role: "member" } });
  const { key } = await createTestApiKey(owner.id);
  const h = cliHarness({ OMOIOS_API_URL: server.url, OMOIOS_API_KEY: key });
  h.write("config.yaml", `project: ${project.id}\n`);
  return { owner, teammate, project, key, h };
}

const fm = (fields: string, body: string) => `---\n${fields.trim()}\n---\n\n${body.trim()}\n`;

/** A complete spec folder: spec, two requirements, a design, two dependent tasks and their tickets. */
function writeSpecFolder(h: CliHarness, { owner, assignee }: { owner: TestUser; assignee: string }) {
  h.write("spec.md", fm("key: dark-mode\ntitle: Dark mode", "Let people switch the app to a dark theme and keep their choice."));
  const criteria = "## Acceptance criteria\n\n- [ ] Selecting dark changes the colours without a reload\n- [ ] The choice survives a new sign-in";
  h.write(
    "requirements/REQ-THEME-001.md",
    fm(
      "id: REQ-THEME-001\ntitle: Switch between light and dark themes\nearsType: event_driven\ncondition: a signed-in user selects a theme\naction: apply it to every page at once\npriority: HIGH",
      `WHEN a signed-in user selects a theme, THE SYSTEM SHALL apply it to every page at once.\n\n${criteria}`,
    ),
  );
  h.write(
    "requirements/REQ-THEME-002.md",
    fm(
      "id: REQ-THEME-002\ntitle: Remember the theme per user\nearsType: ubiquitous\naction: store each user's theme\npriority: MEDIUM",
      "THE SYSTEM SHALL store each user's theme with their account.\n\n## Acceptance criteria\n\n- [ ] It is stored on the user\n- [x] It defaults to the system theme",
    ),
  );
  h.write(
    "designs/dark-mode.md",
    fm(
      `components:\n  - name: ThemeToggle\n    responsibility: Lets the user pick a theme\n    interfaces: ["<ThemeToggle value onChange />"]\n    files: [components/theme-toggle.tsx]\ndataModels:\n  - name: User\n    fields:\n      - { name: theme, type: "enum(light, dark, system)", notes: default system }\napiEndpoints:\n  - { method: PATCH, path: /api/v1/me, description: "Accepts { theme }" }\nerrorHandling: [An unknown theme is a 422]\ntestingStrategy: Unit tests for the preference service and an e2e toggle.\nsecurityNotes: [Only the user changes their own theme]`,
      "## Architecture\n\nThe theme is a user preference stored on `User.theme` and applied by a server-rendered `data-theme` attribute on the root element, so the first paint already has the right colours. The settings page changes it through PATCH /api/v1/me; every page reads it from the session, and the system theme follows the browser when nothing is stored.",
    ),
  );
  h.write(
    "tasks/TSK-001.md",
    fm(
      "id: TSK-001\ntitle: Store the theme\npriority: HIGH\nestimateHours: 2\nrequirementRefs: [REQ-THEME-002]\nfiles: [prisma/schema.prisma, lib/users/update-user.ts]",
      "Add `theme` to `User` in prisma/schema.prisma.\n\n## Acceptance criteria\n\n- [ ] PATCH /api/v1/me stores it",
    ),
  );
  h.write(
    "tasks/TSK-002.md",
    fm(
      "id: TSK-002\ntitle: Toggle the theme\npriority: MEDIUM\nestimateHours: 3\ndependsOn: [TSK-001]\nrequirementRefs: [REQ-THEME-001, REQ-THEME-002]\nfiles: [components/theme-toggle.tsx]",
      "A toggle in settings.\n\n## Acceptance criteria\n\n- [ ] The page changes at once\n- [ ] A reload keeps it",
    ),
  );
  h.write("tickets/TKT-001.md", fm(`id: TKT-001\ntitle: Store the theme\npriority: HIGH\ntask: TSK-001\nowner: ${owner.email}`, "Migration and update-user."));
  h.write("tickets/TKT-002.md", fm(`id: TKT-002\ntitle: Toggle the theme\ntask: TSK-002\ndependsOn: [TKT-001]\nassignee: ${assignee}`, "The settings toggle."));
}

/** The files' content with what only the server writes (ids, keys, statuses) left out, and defaults spelled out. */
function contentOf(dir: string, ownerEmail: string) {
  const { items } = readOmoiWorkspace(path.join(dir, ".omoi_os"), dir);
  return canonical({
    spec: items.spec && { ...items.spec, id: undefined, file: undefined },
    requirements: items.requirements.map((r) => ({ ...r, file: undefined })),
    design: items.design && { ...items.design, file: undefined },
    tasks: items.tasks.map((t) => ({ ...t, status: undefined, file: undefined })),
    tickets: items.tickets.map((t) => ({ ...t, owner: t.owner ?? ownerEmail, key: undefined, status: undefined, file: undefined })),
  });
}

const counts = async (projectId: string) => ({
  specs: await db.spec.count({ where: { projectId } }),
  requirements: await db.specRequirement.count({ where: { spec: { projectId } } }),
  tasks: await db.specTask.count({ where: { spec: { projectId } } }),
  tickets: await db.ticket.count({ where: { projectId } }),
});

describe("omoi sync against a real server", () => {
  it("pushes a spec folder (dry run first), pulls back the same content, pushes twice without duplicates, and the tickets reach the board", async () => {
    const { owner, teammate, project, key, h } = await team();
    writeSpecFolder(h, { owner, assignee: teammate.email });
    expect((await h.run(["validate"])).code).toBe(0);

    const dry = await h.run(["sync", "push", "--dry-run"]);
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toContain("dry run for spec dark-mode: 8 to create, 0 to update, 0 unchanged; nothing was written");
    expect(await counts(project.id)).toEqual({ specs: 0, requirements: 0, tasks: 0, tickets: 0 });

    const pushed = await h.run(["sync", "push"]);
    expect(pushed.stderr).toBe("");
    expect(pushed.stdout).toMatch(/pushed to spec dark-mode \(\w+\): 8 created, 0 updated, 0 unchanged/);
    expect(await counts(project.id)).toEqual({ specs: 1, requirements: 2, tasks: 2, tickets: 2 });
    const spec = await db.spec.findFirstOrThrow({ where: { projectId: project.id } });
    expect(spec).toMatchObject({ sourceKey: "dark-mode", userId: owner.id, generationStatus: "completed", currentPhase: "complete" });
    const tickets = await db.ticket.findMany({ where: { projectId: project.id }, orderBy: { number: "asc" }, include: { specTask: true, dependsOn: true } });
    expect(tickets.map((t) => [t.localId, t.userId, t.assigneeId, t.specTask?.localId, t.specId, t.status])).toEqual([
      ["TKT-001", owner.id, null, "TSK-001", spec.id, "backlog"],
      ["TKT-002", owner.id, teammate.id, "TSK-002", spec.id, "backlog"],
    ]);
    expect(tickets[1]!.dependsOn.map((d) => d.dependsOnId)).toEqual([tickets[0]!.id]);
    expect(await db.specTaskDependency.count({ where: { task: { specId: spec.id } } })).toBe(1);

    const again = await h.run(["sync", "push"]);
    expect(again.stdout).toContain("0 created, 0 updated, 8 unchanged");
    expect(await counts(project.id)).toEqual({ specs: 1, requirements: 2, tasks: 2, tickets: 2 });
    expect(await h.run(["sync", "diff"])).toMatchObject({ code: 0, stdout: expect.stringContaining("in sync") });

    // Whether a criterion is met is the server's to say (agents report it); pull shows it, push never sets it.
    await db.specAcceptanceCriterion.updateMany({ where: { text: "It is stored on the user", requirement: { specId: spec.id } }, data: { met: true } });

    // A fresh folder pulled from the server holds the same content.
    const other = cliHarness({ OMOIOS_API_URL: server.url, OMOIOS_API_KEY: key });
    const pulled = await other.run(["sync", "pull", "--spec", spec.id]);
    expect(pulled).toMatchObject({ code: 0, stderr: "" });
    expect(other.read("config.yaml")).toContain(`project: ${project.id}`);
    expect(contentOf(other.dir, owner.email)).toBe(contentOf(h.dir, owner.email));
    expect(other.read("tickets/TKT-002.md")).toMatch(/key: [A-Z]+-2\n[\s\S]*status: backlog[\s\S]*assignee: /);
    expect(other.read("requirements/REQ-THEME-002.md")).toContain("- [x] It is stored on the user\n- [ ] It defaults to the system theme\n");
    // Pulling into the original folder fills in the server's fields; then everything is stable.
    await h.run(["sync", "pull"]);
    expect((await h.run(["sync", "push"])).stdout).toContain("0 created, 0 updated, 8 unchanged");
    expect((await h.run(["sync", "pull"])).stdout).toContain("0 files written, 8 already up to date");

    // The owner's board (scope mine) shows both tickets; the teammate's shows the one assigned to them.
    const board = async (apiKey: string) => {
      const response = await fetch(`${server.url}/api/v1/board/view?projectId=${project.id}&scope=mine`, { headers: { authorization: `Bearer ${apiKey}` } });
      return ((await response.json()) as { columns: { status: string; tickets: { key: string }[] }[] }).columns[0]!.tickets.map((t) => t.key);
    };
    expect(await board(key)).toEqual(tickets.map((t) => t.key));
    expect(await board((await createTestApiKey(teammate.id)).key)).toEqual([tickets[1]!.key]);
    const text = await h.run(["board", "--scope", "mine"]);
    expect(text.stdout).toMatch(new RegExp(`BACKLOG \\(2\\)\\n  ${tickets[0]!.key}\\s+HIGH\\s+Store the theme\\n  ${tickets[1]!.key}\\s+MEDIUM\\s+Toggle the theme  \\[waits for 1\\]`));
    expect((await h.run(["specs", "list"])).stdout).toMatch(new RegExp(`${spec.id}\\s+completed\\s+complete\\s+not_started 0%\\s+Dark mode`));

    // The app's "Execute tasks" takes the pushed tickets as they are (no twins) and queues their waiting tasks.
    const executed = await callRoute(executeTasksRoute.POST, { method: "POST", params: { specId: spec.id }, cookie: owner.cookie });
    expect(executed.body).toMatchObject({ created: [], queued: 2 });
    expect(await db.task.findMany({ where: { ticket: { specId: spec.id } }, select: { kind: true, status: true } })).toEqual([
      { kind: "implement", status: "queued" },
      { kind: "implement", status: "queued" },
    ]);
  });

  it("refuses an owner or assignee who is not a member of the project's organization, naming the file and field", async () => {
    const { owner, h, project } = await team();
    const stranger = await createTestUser();
    writeSpecFolder(h, { owner, assignee: stranger.email });
    h.write("tickets/TKT-003.md", fm(`id: TKT-003\ntitle: Someone else's\nowner: ${stranger.id}`, ""));
    for (const args of [["sync", "push", "--dry-run"], ["sync", "push"]]) {
      const refused = await h.run(args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`.omoi_os/tickets/TKT-002.md:6: assignee: ${stranger.email} is not a member of this project's organization`);
      expect(refused.stderr).toContain(`.omoi_os/tickets/TKT-003.md:4: owner: ${stranger.id} is not a member`);
      expect(refused.stderr).toContain("nothing was written");
    }
    expect(await counts(project.id)).toEqual({ specs: 0, requirements: 0, tasks: 0, tickets: 0 });

    // Someone outside the organization cannot push to the project at all.
    const { key } = await createTestApiKey(stranger.id);
    const outsider = await h.run(["sync", "push"], { env: { OMOIOS_API_KEY: key } });
    expect(outsider.code).toBe(1);
    expect(outsider.stderr).toContain(`project ${project.id} does not exist or you are not a member`);
  });

  it("reports malformed files as file:line errors with exit 1, sends nothing, and prints no stack trace", async () => {
    const { h } = await team();
    h.write("spec.md", fm("key: broken\ntitle: Broken", "A spec whose files have mistakes in them."));
    h.write("requirements/REQ-BAD-001.md", "no frontmatter here\n");
    h.write("requirements/REQ-BAD-002.md", fm("id: REQ-BAD-002\ntitle: x\nearsType: sometimes\naction: y\npriority: HIGH\ncolour: red", "THE SYSTEM SHALL y."));
    h.write("tasks/TSK-001.md", fm("id: TSK-001\ntitle: [unclosed", "d"));
    h.write("tasks/TSK-002.md", fm("id: TSK-002\ntitle: a\npriority: LOW\nestimateHours: 1\ndependsOn: [TSK-003]\nrequirementRefs: [REQ-NOPE-001]", "d"));
    h.write("tasks/TSK-003.md", fm("id: TSK-003\ntitle: b\npriority: LOW\nestimateHours: 1\ndependsOn: [TSK-002]\nrequirementRefs: []", "d"));
    const before = server.requests.length;

    const validated = await h.run(["validate"]);
    expect(validated.code).toBe(1);
    const lines = validated.stderr.trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        ".omoi_os/requirements/REQ-BAD-001.md:1: missing YAML frontmatter: start the file with a line `---`",
        expect.stringMatching(/^\.omoi_os\/requirements\/REQ-BAD-002\.md:4: earsType: Invalid option/),
        '.omoi_os/requirements/REQ-BAD-002.md:7: unknown field "colour": its content would be lost; move it into the body, or remove it',
        expect.stringMatching(/^\.omoi_os\/tasks\/TSK-001\.md:3: invalid YAML: /),
        ".omoi_os/tasks/TSK-002.md:7: REQ-NOPE-001 is not a requirement of this spec",
        ".omoi_os/tasks/TSK-002.md:6: dependency cycle TSK-002 → TSK-003 → TSK-002; a task cannot wait for itself",
      ]),
    );
    expect(validated.stderr).not.toMatch(/\n\s+at /);

    const push = await h.run(["sync", "push"]);
    expect(push.code).toBe(1);
    expect(push.stderr).toContain("nothing was pushed");
    expect(server.requests.length).toBe(before);
    expect(await h.run(["sync", "push", "--bogus"])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--bogus'") });
  });

  it("finishes an interrupted push when run again, retries a 503 by itself, and maps auth and network failures to exit codes", async () => {
    const { owner, teammate, project, h } = await team();
    writeSpecFolder(h, { owner, assignee: teammate.email });

    // The server commits, then the answer is lost: with no retries left the CLI says so (exit 4) …
    server.failNext("503-after");
    const cut = await h.run(["sync", "push"], { retryDelaysMs: [] });
    expect(cut.code).toBe(4);
    expect(cut.stderr).toMatch(/could not complete POST .*omoi-sync after 1 attempt\(s\): 503/);
    // … and running it again finds everything in place: nothing twice.
    expect((await h.run(["sync", "push"])).stdout).toContain("0 created, 0 updated, 8 unchanged");
    expect(await counts(project.id)).toEqual({ specs: 1, requirements: 2, tasks: 2, tickets: 2 });

    // A dropped connection and a 503 before anything happened are retried within the same run.
    h.write("tickets/TKT-003.md", fm("id: TKT-003\ntitle: Later work", "Follow-up."));
    server.failNext("drop");
    server.failNext("503-before");
    const retried = await h.run(["sync", "push"]);
    expect(retried).toMatchObject({ code: 0 });
    expect(retried.stdout).toContain("1 created, 0 updated, 8 unchanged");
    expect(server.requests.slice(-3).map((r) => r.status)).toEqual([0, 503, 200]);
    expect(await counts(project.id)).toMatchObject({ tickets: 3 });

    expect(await h.run(["sync", "diff"], { env: { OMOIOS_API_KEY: "omoi_not-a-real-key" } })).toMatchObject({ code: 3, stderr: expect.stringContaining("refused the API key") });
    expect(await h.run(["sync", "diff"], { env: { OMOIOS_API_KEY: undefined } })).toMatchObject({ code: 3, stderr: expect.stringContaining("not logged in") });
    const closed = await startCliTestServer();
    await closed.close();
    const offline = await h.run(["sync", "diff"], { env: { OMOIOS_API_URL: closed.url }, retryDelaysMs: [5] });
    expect(offline).toMatchObject({ code: 4, stderr: expect.stringContaining("after 2 attempt(s): ECONNREFUSED") });
  });

  it("logs in with a key read from stdin into a 0600 file the other commands use", async () => {
    const owner = await createTestUser();
    const project = await createTestProject(owner.id);
    const { key } = await createTestApiKey(owner.id, ["read"]);
    const h = cliHarness({});
    expect((await h.run(["login", "--url", server.url], { input: ["omoi_wrong"] })).code).toBe(3);
    const login = await h.run(["login", "--url", `${server.url}/`], { input: [key] });
    expect(login).toMatchObject({ code: 0, stdout: expect.stringContaining(`as ${owner.email}`) });
    const file = login.stdout.match(/saved in (\S+) /)![1]!;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual({ apiUrl: server.url, apiKey: key });
    expect(await h.run(["specs", "list", "--project", project.id])).toMatchObject({ code: 0, stdout: "no specs yet\n" });
    expect(await h.run(["validate"])).toMatchObject({ code: 2, stderr: expect.stringContaining("run `omoi init --project <id>` first") });
    expect(await h.run(["init"])).toMatchObject({ code: 2 });
    expect((await h.run(["init", "--project", project.id, "--spec", "dark-mode"])).code).toBe(0);
    expect(await h.run(["validate"])).toMatchObject({ code: 0 });
    // A read-only key may compare but not push.
    expect(await h.run(["sync", "diff"])).toMatchObject({ code: 1, stdout: expect.stringContaining("create    spec dark-mode") });
    expect(await h.run(["sync", "push"])).toMatchObject({ code: 3, stderr: expect.stringContaining('lacks the "write" scope') });
  });

  it("pulls a spec the engine wrote and pushes it back without duplicating anything", async () => {
    const { owner, project, h } = await team();
    const spec = await db.spec.create({ data: { projectId: project.id, userId: owner.id, title: "Greet in French", description: "Greet people in their language", generationStatus: "completed", currentPhase: "complete" } });
    await db.$transaction(async (tx) => {
      await materializeRequirements(tx, spec.id, SAMPLE_OUTPUTS.requirements as never);
      await materializeDesign(tx, spec.id, SAMPLE_OUTPUTS.design as never);
      await materializeTasks(tx, spec.id, SAMPLE_OUTPUTS.tasks as never);
      await createTicketsFromSpec(tx, { specId: spec.id });
    });
    const before = await counts(project.id);
    expect(await h.run(["sync", "pull", "--spec", spec.id])).toMatchObject({ code: 0 });
    expect(h.read("spec.md")).toContain("key: greet-in-french");
    expect(await h.run(["sync", "diff"])).toMatchObject({ code: 1, stdout: expect.stringMatching(/update\s+ticket OMOI-1\s+\(id\)/) });
    const first = await h.run(["sync", "push"]);
    expect(first.stdout).toMatch(/0 created, \d+ updated/);
    expect((await h.run(["sync", "push"])).stdout).toMatch(/0 created, 0 updated, \d+ unchanged/);
    expect(await counts(project.id)).toEqual(before);
    expect(await db.spec.findUniqueOrThrow({ where: { id: spec.id } })).toMatchObject({ sourceKey: "greet-in-french" });
  });

  it("answers --help from the source entry and from the agent bundle", async () => {
    const commands = ["login", "init", "validate", "migrate", "sync push", "sync pull", "sync diff", "specs list", "board", "agent"];
    const fromSource = await run(process.execPath, [path.resolve("bin/omoi.mjs"), "--help"]);
    const fromBundle = await run(process.execPath, [inject("agentBundlePath"), "--help"]);
    for (const { stdout } of [fromSource, fromBundle]) for (const command of commands) expect(stdout).toContain(`  ${command}`);
  });
});
