import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPgPool } from "@/lib/db/pg-pool";
import { db } from "@/lib/db/client";
import { reloadEnv } from "@/lib/env";
import { assertWithinRateLimit } from "@/lib/rate-limit/assert-within-rate-limit";
import { issueSandboxToken } from "@/lib/auth/issue-sandbox-token";
import { createTestApiKey, createTestProject, createTestUser, uniqueSuffix } from "@/test/factories";

// Two web processes (test/security/limits-web-process.ts) on this run's database, each with its own memory: every
// limit below is counted once for both together, never once per process. Windows are long (40 s, 15 min), so none
// ends during a test.
const LIMITS = {
  AUTH_IP_MAX_FAILURES: "6",
  API_KEY_RATE_LIMIT_PER_MINUTE: "6",
  API_KEY_RATE_LIMIT_BURST: "4",
  SANDBOX_RATE_LIMIT_PER_MINUTE: "6",
  SANDBOX_RATE_LIMIT_BURST: "4",
  // One proxy in front (the test plays it): the client's address is the last X-Forwarded-For entry.
  TRUSTED_PROXY_HOPS: "1",
};

interface WebProcess {
  url: string;
  child: ChildProcess;
}

function startWebProcess(): Promise<WebProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/security/limits-web-process.ts"], {
    env: { ...process.env, ...LIMITS },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /LISTENING (\S+)/.exec(output)?.[1];
      if (url) resolve({ url, child });
    });
    child.stderr!.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`web process exited (${code}): ${output}`)));
  });
}

let web: WebProcess[] = [];
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  web = await Promise.all([startWebProcess(), startWebProcess()]);
  for (const [name, value] of Object.entries(LIMITS)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  reloadEnv();
}, 120_000);
afterAll(() => {
  for (const { child } of web) child.kill("SIGTERM");
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadEnv();
});

/** `count` requests at once, spread over both processes in turn; their statuses, in order. */
const alternate = (count: number, request: (url: string, i: number) => Promise<Response>) =>
  Promise.all(Array.from({ length: count }, (_, i) => request(web[i % 2]!.url, i).then((res) => res.status)));

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

describe("limits shared by two web processes", () => {
  it("per-address sign-in budget: of 12 failed sign-ins from one /64, 6 are checked in all, the rest refused unchecked", async () => {
    const user = await createTestUser();
    // A fresh /64 for this run; every attempt uses another address in it (a client picks any), and another email.
    const network = `2001:db8:${crypto.randomBytes(2).toString("hex")}:${crypto.randomBytes(2).toString("hex")}`;
    const statuses = await alternate(12, (url, i) =>
      fetch(`${url}/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `${network}::${i + 1}` },
        body: JSON.stringify({ email: i % 3 === 0 ? user.email : `ghost-${uniqueSuffix()}@example.test`, password: "wrong-password" }),
      }),
    );
    expect(tally(statuses)).toEqual({ 401: 6, 429: 6 });
    const checked = await Promise.all(web.map(async ({ url }) => ((await (await fetch(`${url}/stats`)).json()) as { scryptCalls: number }).scryptCalls));
    // At most one more per process: the dummy hash an unknown email is compared with, made once.
    expect(checked.reduce((a, b) => a + b)).toBeLessThanOrEqual(6 + 2);

    // The same budget holds for the right password from that network; another network is not affected.
    const refused = await fetch(`${web[0]!.url}/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `${network}::99` },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/from your network/) });
    const elsewhere = await fetch(`${web[1]!.url}/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(elsewhere.status).toBe(200);
  });

  it("API-key limit: 4 of 8 requests at once get through, whichever process they reach", async () => {
    const user = await createTestUser();
    const { key } = await createTestApiKey(user.id);
    const statuses = await alternate(8, (url) => fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } }));
    expect(tally(statuses)).toEqual({ 200: 4, 429: 4 });
    const limited = await fetch(`${web[1]!.url}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(40);
  });

  it("sandbox limit: 4 of 8 event batches at once are stored, whichever process they reach", async () => {
    const user = await createTestUser();
    const project = await createTestProject(user.id);
    const spec = await db.spec.create({ data: { projectId: project.id, userId: user.id, title: "t", description: "d", generationStatus: "running" } });
    const sandbox = await db.sandbox.create({ data: { purpose: "spec", specId: spec.id, status: "running", startPhase: "explore" } });
    const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
    const statuses = await alternate(8, (url, i) =>
      fetch(`${url}/api/v1/sandboxes/${sandbox.id}/events`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ events: [{ type: "agent.message", data: { turn: i, text: "m" }, clientEventId: crypto.randomUUID(), occurredAt: new Date().toISOString() }] }),
      }),
    );
    expect(tally(statuses)).toEqual({ 200: 4, 429: 4 });
    expect(await db.sandboxEvent.count({ where: { sandboxId: sandbox.id } })).toBe(4);
  });

  it("costs one statement per request on an unlogged table, and none once a caller is over its limit in this process", async () => {
    const pool = getPgPool();
    const table = await pool.query<{ relpersistence: string }>(`SELECT relpersistence FROM pg_class WHERE relname = 'RateLimit'`);
    expect(table.rows).toEqual([{ relpersistence: "u" }]); // no WAL: a count costs what a SELECT does
    const query = pool.query.bind(pool);
    let statements = 0;
    pool.query = ((...args: Parameters<typeof query>) => {
      statements++;
      return query(...args);
    }) as typeof pool.query;
    try {
      const id = `measure-${uniqueSuffix()}`;
      for (let i = 0; i < 4; i++) await assertWithinRateLimit("sandbox", id);
      expect(statements).toBe(4);
      await expect(assertWithinRateLimit("sandbox", id)).rejects.toMatchObject({ code: "rate_limited" });
      expect(statements).toBe(4);
    } finally {
      pool.query = query;
    }
  });
});
