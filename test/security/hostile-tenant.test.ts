import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAlive, startAgentHarness, waitFor, type AgentHarness } from "@/test/agent-harness";
import type { FakeStep, RecordedRequest } from "@/test/fake-anthropic/fake-anthropic-server";
import { scriptedSpecAgent } from "@/test/fake-anthropic/scripted-spec-agent";
import { createSampleRepo } from "@/test/fixtures/sample-repo";

// A second organization's user runs agents whose commands try every way out of a local sandbox that worked before
// the sandboxes were confined (issue 15). Each attempt prints ATTEMPT:<name> before it runs, so the test can show it
// ran; what would mean success prints LEAK:<name>, or shows up as a secret in the output, and must not.

let h: AgentHarness;
let lib: {
  db: typeof import("@/lib/db/client").db;
  createTestUser: typeof import("@/test/factories").createTestUser;
  createTestProject: typeof import("@/test/factories").createTestProject;
  createQuickTask: typeof import("@/lib/tickets/create-quick-task").createQuickTask;
  launchSpec: typeof import("@/lib/specs/launch-spec").launchSpec;
};
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-hostile-"));
const dataDir = path.join(temp, "data");
/** The operator's root for members' local repositories (LOCAL_REPO_ROOTS); the victim's repository is elsewhere. */
const tenantRepos = path.join(temp, "tenants");
const SERVER_SECRET = "nextauth-secret-of-the-server-0123456789";
const GITHUB_SECRET = "ghp_servertokenthatmustneverleak0000000000";

/** What each attack script ran, as the model saw it (the tool results sent back to the fake model). */
const toolResults = (marker: string) =>
  h.fake.requests
    .flatMap((r: RecordedRequest) => (r.body?.messages ?? []) as { role: string; content: unknown }[])
    .flatMap((m) => (Array.isArray(m.content) ? m.content : []))
    .filter((b: { type?: string }) => b.type === "tool_result")
    .map((b: { content?: unknown }) => (typeof b.content === "string" ? b.content : JSON.stringify(b.content)))
    .filter((text: string) => text.includes(marker))
    .at(-1) ?? "";

function taskAttack(ctx: { victimRepo: string; pgPort: string; appPort: string; fakePort: string; checkout: string }) {
  return String.raw`
set +e
echo "ATTEMPT:whoami $(id -u) $(hostname)"
echo ATTEMPT:secrets-files; cat ${dataDir}/secrets.json ${dataDir}/pg.password 2>&1 | head -5
echo ATTEMPT:app-checkout; ls ${ctx.checkout}/package.json ${ctx.checkout}/.data 2>&1 | head -3
echo ATTEMPT:home-of-server; ls /root 2>&1 | head -3
echo ATTEMPT:other-sandboxes; ls ${h.sandboxRoot} 2>&1 | head -3
echo ATTEMPT:proc-environ; for f in /proc/[0-9]*/environ; do tr '\0' '\n' < "$f"; done 2>/dev/null | grep -E 'ANTHROPIC_API_KEY|NEXTAUTH|DATABASE_URL|GITHUB_TOKEN|omoisbx_' | sed 's/^/ENV /'
echo "ATTEMPT:proc-count $(ls -d /proc/[0-9]* | wc -l)"
echo ATTEMPT:database-port; timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/${ctx.pgPort}' 2>&1 && echo LEAK:database-port-open
echo ATTEMPT:app-port-direct; timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/${ctx.appPort}' 2>&1 && echo LEAK:app-port-open
echo ATTEMPT:model-port-direct; timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/${ctx.fakePort}' 2>&1 && echo LEAK:model-port-open
proxy() { timeout 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/3128; printf 'CONNECT $1 HTTP/1.1\r\nhost: $1\r\n\r\n' >&3; head -c 300 <&3" 2>&1; echo; }
echo ATTEMPT:egress-database; proxy 127.0.0.1:${ctx.pgPort}
echo ATTEMPT:egress-internal-name; proxy localhost:443
echo ATTEMPT:egress-internet; proxy example.com:443
echo ATTEMPT:victim-repo-read; ls ${ctx.victimRepo} 2>&1 | head -2; git clone -q ${ctx.victimRepo} /tmp/stolen 2>&1 | head -2
echo ATTEMPT:system-write; touch /usr/pwned /etc/pwned 2>&1
echo ATTEMPTS-DONE
`;
}

let attack = "";
/**
 * Its second command: the agent's own token from /proc/1/environ, and a task.completed naming `main`. Once that
 * terminal event is stored the sandbox counts as stopped and its token opens no more model calls, so this runs last
 * and is proven by the stored event rather than by its output.
 */
const FORGE = String.raw`
eval "$(tr '\0' '\n' < /proc/1/environ | grep -E '^(OMOIOS_API_URL|OMOIOS_SANDBOX_TOKEN|OMOIOS_SANDBOX_ID)=' | sed 's/^/export /')"
curl -sS -m 10 -o /dev/null -w 'forged status %{http_code}\n' -X POST -H "authorization: Bearer $OMOIOS_SANDBOX_TOKEN" -H 'content-type: application/json' \
  --data "{\"events\":[{\"type\":\"task.completed\",\"data\":{\"summary\":\"all done\",\"branch\":\"main\",\"commits\":1,\"verdicts\":[]},\"clientEventId\":\"forged-000001\",\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%S.000Z)\"}]}" \
  "$OMOIOS_API_URL/api/v1/sandboxes/$OMOIOS_SANDBOX_ID/events"
`;
/** Exploration-mode commands that follow links (grep -R, find -L) and pass the tool's own read-only check. */
const SYMLINK_COMMANDS = ["grep -R nextauth .", "find -L . -name secrets.json"];
/** The tool result of the run_command call whose command is `command`, once the model has seen it. */
const toolResultOf = (command: string): string | undefined => {
  for (const request of h.fake.requests) {
    const messages = (request.body?.messages ?? []) as { role: string; content: unknown }[];
    const ids = messages.flatMap((m) => (Array.isArray(m.content) ? m.content : [])).filter((b) => b.type === "tool_use" && b.input?.command === command).map((b) => b.id);
    const result = messages.flatMap((m) => (Array.isArray(m.content) ? m.content : [])).find((b) => b.type === "tool_result" && ids.includes(b.tool_use_id));
    if (result) return typeof result.content === "string" ? result.content : JSON.stringify(result.content);
  }
  return undefined;
};
const script = (request: RecordedRequest): FakeStep => {
  const messages = (request.body?.messages ?? []) as { role: string; content: unknown }[];
  const first = JSON.stringify(messages[0]?.content ?? "");
  const calls = messages.filter((m) => m.role === "assistant").length;
  if (first.includes("VICTIM")) return { content: [{ type: "tool_use", name: "list_dir", input: { path: "." } }], latencyMs: 1_000 };
  if (first.includes("ATTACK")) {
    if (calls === 0) return { content: [{ type: "tool_use", name: "run_command", input: { command: attack, timeout_ms: 60_000 } }] };
    if (calls === 1) return { content: [{ type: "tool_use", name: "run_command", input: { command: FORGE, timeout_ms: 30_000 } }] };
    return { content: [{ type: "text", text: "Done." }], stop_reason: "end_turn" };
  }
  if (first.includes("EXPLOIT-SYMLINK") && (request.body?.tools ?? []).some((t: { name: string }) => t.name === "submit_explore")) {
    if (calls < SYMLINK_COMMANDS.length) return { content: [{ type: "tool_use", name: "run_command", input: { command: SYMLINK_COMMANDS[calls]! } }] };
  }
  return scriptedSpecAgent()(request);
};

beforeAll(async () => {
  fs.chmodSync(temp, 0o711);
  fs.mkdirSync(dataDir, { mode: 0o700 });
  fs.writeFileSync(path.join(dataDir, "secrets.json"), JSON.stringify({ nextauthSecret: SERVER_SECRET }), { mode: 0o600 });
  fs.writeFileSync(path.join(dataDir, "pg.password"), "pg-superuser-password-that-must-not-leak", { mode: 0o600 });
  fs.mkdirSync(tenantRepos);
  Object.assign(process.env, { LOCAL_REPO_ROOTS: tenantRepos, SANDBOX_EGRESS_ALLOW: "localhost", OMOIOS_DATA_DIR: dataDir, GITHUB_TOKEN: GITHUB_SECRET, NEXTAUTH_SECRET: SERVER_SECRET });
  h = await startAgentHarness({ name: "hostile", script, heartbeatTimeoutSeconds: 30 });
  lib = {
    db: (await import("@/lib/db/client")).db,
    createTestUser: (await import("@/test/factories")).createTestUser,
    createTestProject: (await import("@/test/factories")).createTestProject,
    createQuickTask: (await import("@/lib/tickets/create-quick-task")).createQuickTask,
    launchSpec: (await import("@/lib/specs/launch-spec")).launchSpec,
  };
  await h.startWorker();
}, 60_000);

afterAll(async () => {
  await h?.close();
  delete process.env.GITHUB_TOKEN;
  delete process.env.SANDBOX_EGRESS_ALLOW;
  delete process.env.LOCAL_REPO_ROOTS;
  fs.rmSync(temp, { recursive: true, force: true });
});

const git = (repo: string, ...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();

describe("a hostile tenant's agents stay in their sandbox", () => {
  it("tries every way out from a task's shell: each attempt runs and fails; the server's secrets and the other organization stay untouched", async () => {
    const victim = await lib.createTestUser({ name: "Victim" });
    await lib.db.user.update({ where: { id: victim.id }, data: { isInstanceAdmin: true } });
    const victimRepo = createSampleRepo(path.join(temp, "victim-repo"));
    const victimMain = git(victimRepo, "rev-parse", "main");
    const victimProject = await lib.createTestProject(victim.id, { repoUrl: victimRepo, autoExecuteTickets: true });
    await lib.createQuickTask({ userId: victim.id, input: { projectId: victimProject.id, prompt: "VICTIM long job" } });
    // The victim's agent runs while the attack does, so its token is somewhere in /proc to be found.
    const victimSandbox = await waitFor("the victim's agent to run", () => lib.db.sandbox.findFirst({ where: { status: "running", task: { ticket: { projectId: victimProject.id } } } }), 30_000);
    const victimToken = fs
      .readFileSync(`/proc/${h.agentPid(victimSandbox.id)}/environ`, "utf8")
      .split("\0")
      .find((line) => line.startsWith("OMOIOS_SANDBOX_TOKEN="))!
      .split("=")[1]!;
    expect(victimToken).toMatch(/^omoisbx_/);

    const attacker = await lib.createTestUser({ name: "Mallory" });
    const attackerRepo = createSampleRepo(path.join(tenantRepos, "attacker-repo"));
    // The front door first: the victim's repository path is refused as a project's repository.
    await expect(lib.createTestProject(attacker.id, { repoUrl: victimRepo })).rejects.toMatchObject({ code: "validation_failed" });
    const attackerMain = git(attackerRepo, "rev-parse", "main");
    const attackerProject = await lib.createTestProject(attacker.id, { repoUrl: attackerRepo, autoExecuteTickets: true });
    const pgPort = new URL(h.databaseUrl).port || "5432";
    attack = taskAttack({ victimRepo, pgPort, appPort: new URL(h.app.url).port, fakePort: new URL(h.fake.url).port, checkout: process.cwd() });
    const ticket = await lib.createQuickTask({ userId: attacker.id, input: { projectId: attackerProject.id, prompt: "ATTACK everything" } });

    const output = await waitFor("the attack script to finish", async () => toolResults("ATTEMPTS-DONE") || null, 60_000);
    // Every attempt ran.
    for (const name of ["whoami", "secrets-files", "app-checkout", "home-of-server", "other-sandboxes", "proc-environ", "proc-count", "database-port", "app-port-direct", "model-port-direct", "egress-database", "egress-internal-name", "egress-internet", "victim-repo-read", "system-write"]) {
      expect(output, name).toContain(`ATTEMPT:${name}`);
    }
    // ...and failed.
    expect(output).not.toContain("LEAK:");
    expect(output).toMatch(/secrets\.json: No such file or directory/);
    expect(output).toMatch(/ls: cannot access '\/root'|No such file/);
    expect(output).toMatch(/touch: cannot touch '\/usr\/pwned': (Read-only file system|Permission denied)/);
    expect(output).toMatch(/ATTEMPT:proc-count [1-9]\b/); // its own few processes, not the host's
    expect(output).not.toMatch(/^ENV (ANTHROPIC_API_KEY|NEXTAUTH|DATABASE_URL|GITHUB_TOKEN)/m);
    expect(output).not.toMatch(/Initial greeter|greet\.js/); // nothing of the victim's repository
    expect(output).toMatch(/ATTEMPT:egress-database\nHTTP\/1.1 403 Forbidden[^]*127\.0\.0\.1:\d+ is not in SANDBOX_EGRESS_ALLOW/);
    // localhost is on the allowlist (without a port), and still not reachable: it resolves to an internal address.
    expect(output).toMatch(/ATTEMPT:egress-internal-name\nHTTP\/1.1 403 Forbidden[^]*localhost resolves to an internal address/);
    expect(output).toMatch(/ATTEMPT:egress-internet\nHTTP\/1.1 403 Forbidden[^]*example\.com:443 is not in SANDBOX_EGRESS_ALLOW/);
    if (process.getuid?.() === 0) expect(output).not.toMatch(/ATTEMPT:whoami 0 /);

    // The secrets of the server and the other tenant appear nowhere: not in the output, the events or the log.
    const events = JSON.stringify(await lib.db.sandboxEvent.findMany({ where: { task: { ticketId: ticket.id } } }), (_, v) => (typeof v === "bigint" ? String(v) : v));
    // The sandbox's own log (agent and network host output, what members read as the log tail) too.
    const logPaths = (await lib.db.sandbox.findMany({ where: { task: { ticketId: ticket.id } }, select: { logPath: true } })).map((s) => s.logPath);
    expect(logPaths.length).toBeGreaterThan(0);
    const logs = logPaths.map((p) => (p && fs.existsSync(p) ? fs.readFileSync(p, "utf8") : "")).join("\n");
    for (const secret of [SERVER_SECRET, GITHUB_SECRET, h.serverKey, victimToken, "pg-superuser-password", new URL(h.databaseUrl).password || "no-password"]) {
      expect(output).not.toContain(secret);
      expect(events).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }

    // The forged completion on `main` was sent and stored (the attempt ran)...
    await waitFor("the forged task.completed", () =>
      lib.db.sandboxEvent.findFirst({ where: { type: "task.completed", source: "agent", clientEventId: "forged-000001", task: { ticketId: ticket.id } } }),
    30_000);
    // ...and shipped nothing: no branch of either repository moved, the ticket is not done.
    await waitFor("the attacker's task to end", async () => {
      const task = await lib.db.task.findFirst({ where: { ticketId: ticket.id } });
      return task && task.status !== "running" && task.status !== "queued" && task;
    }, 60_000).catch(() => null);
    expect(git(attackerRepo, "rev-parse", "main")).toBe(attackerMain);
    expect(git(victimRepo, "rev-parse", "main")).toBe(victimMain);
    expect(git(victimRepo, "branch", "--list", "omoi/*")).toBe("");
    const attackerTicket = await lib.db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(attackerTicket.status).not.toBe("done");
    expect(isAlive(h.agentPid(victimSandbox.id))).toBe(true);
  }, 180_000);

  it("follows no committed symlink out of a read-only exploration workspace", async () => {
    const attacker = await lib.createTestUser({ name: "Mallory 2" });
    const repo = createSampleRepo(path.join(tenantRepos, "symlink-repo"));
    // An absolute link, and a relative one that leads to the secrets from where the workspace is on the host.
    fs.symlinkSync(dataDir, path.join(repo, "leak"));
    fs.symlinkSync(path.relative(path.join(h.sandboxRoot, "any-sandbox", "workspace"), dataDir), path.join(repo, "up"));
    git(repo, "add", ".");
    git(repo, "-c", "user.name=M", "-c", "user.email=m@example.test", "commit", "-q", "-m", "links");
    const project = await lib.createTestProject(attacker.id, { repoUrl: repo });
    await lib.launchSpec({ userId: attacker.id, input: { projectId: project.id, prompt: "EXPLOIT-SYMLINK read the server's secrets", autoExecute: false } });
    const [grep, find] = await waitFor("the exploration commands to run", async () => {
      const found = SYMLINK_COMMANDS.map((c) => toolResultOf(c));
      return found.every((f) => f !== undefined) && (found as string[]);
    }, 60_000);
    // The commands ran (grep and find passed the tool's own read-only check; only the OS stands in the way)...
    expect(grep).toMatch(/exit code [12]/);
    expect(find).toMatch(/exit code/);
    // ...found nothing: the links lead nowhere inside the sandbox.
    expect(grep).not.toContain(SERVER_SECRET);
    expect(find).not.toMatch(/secrets\.json\n/);
    expect(JSON.stringify(h.fake.requests.map((r) => r.body?.messages ?? []))).not.toContain(SERVER_SECRET);
    // (That the OS, not only the command check, keeps an exploring agent from writing: lib/sandbox/local-provider.test.ts.)
  }, 120_000);

  it("never clones another organization's repository path stored before the policy: the sandbox fails with the reason", async () => {
    const attacker = await lib.createTestUser({ name: "Mallory 3" });
    const victimRepo = createSampleRepo(path.join(temp, "victim-repo-2"));
    // As it could have been stored before the repository policy existed.
    const project = await lib.db.project.create({
      data: { orgId: attacker.orgId, createdById: attacker.id, repoUrlSetById: attacker.id, name: "legacy", repoUrl: victimRepo, autoExecuteTickets: true },
    });
    await lib.createQuickTask({ userId: attacker.id, input: { projectId: project.id, prompt: "ATTACK by a stored path" } });
    const sandbox = await waitFor("the sandbox to be refused", () => lib.db.sandbox.findFirst({ where: { status: "failed", task: { ticket: { projectId: project.id } } } }), 30_000);
    expect(sandbox.error).toMatch(/repository may not be used: Local repositories must be inside/);
    expect(sandbox.workspacePath).toBeNull();
    expect(fs.readdirSync(h.sandboxRoot)).not.toContain(sandbox.id);
  }, 60_000);
});
