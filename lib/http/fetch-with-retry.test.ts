import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffDelays, fetchWithRetry, HttpRefusedError, readErrorBody, RetriesExhaustedError } from "@/lib/http/fetch-with-retry";

/** Answers each request with the next scripted step: a status (and headers), or "hang" (never answers). */
let steps: (number | "hang" | { status: number; headers: Record<string, string> })[] = [];
let served = 0;
const server = http.createServer((_req, res) => {
  served++;
  const step = steps.shift() ?? 200;
  if (step === "hang") return;
  const { status, headers } = typeof step === "number" ? { status: step, headers: {} } : step;
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify({ error: { code: "x", message: `answered ${status}` } }));
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
const run = (retryDelaysMs: number[], extra: Partial<Parameters<typeof fetchWithRetry>[2]> = {}) =>
  fetchWithRetry(url, {}, { retryDelaysMs, attemptTimeoutMs: 2_000, jitter: false, ...extra });

describe("fetchWithRetry", () => {
  it("retries 5xx and 429, then returns the answer; another 4xx is returned at once, never retried", async () => {
    steps = [503, 429, 200];
    served = 0;
    const problems: string[] = [];
    expect((await run([10, 10, 10], { onRetry: (p) => problems.push(p) })).status).toBe(200);
    expect(served).toBe(3);
    expect(problems[0]).toContain("HTTP 503");
    steps = [422];
    served = 0;
    const refused = await run([10, 10]);
    expect(refused).toMatchObject({ status: 422, ok: false });
    expect(JSON.parse(refused.text).error.message).toBe("answered 422");
    expect(served).toBe(1);
  });

  it("honours Retry-After over a shorter step, and gives up with what went wrong", async () => {
    steps = [{ status: 503, headers: { "retry-after": "1" } }, 200];
    const started = Date.now();
    expect((await run([10])).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    steps = [500, 500, 500];
    const error = await run([10, 10]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error).toMatchObject({ attempts: 3, lastStatus: 500 });
  });

  it("abandons an attempt that never answers and tries again; a stop ends it between attempts", async () => {
    steps = ["hang", 200];
    expect((await run([10], { attemptTimeoutMs: 300 })).status).toBe(200);
    steps = [503, 503, 503];
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stopped")), 100);
    const started = Date.now();
    await expect(run([5_000, 5_000], { signal: controller.signal })).rejects.toThrow("stopped");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("keeps the last body when it gives up, and reads the API's error body (or nothing) from an answer", async () => {
    steps = [503, 502];
    const exhausted = (await run([10]).catch((e: unknown) => e)) as RetriesExhaustedError;
    expect(exhausted).toMatchObject({ lastStatus: 502 });
    expect(readErrorBody(exhausted.lastText)).toEqual({ code: "x", message: "answered 502" });
    expect(readErrorBody("<html>502 Bad Gateway</html>")).toBeNull();
    expect(readErrorBody("")).toBeNull();
    expect(readErrorBody(JSON.stringify({ error: { message: "no code" } }))).toBeNull();

    steps = [404];
    const refused = HttpRefusedError.of(await run([10]));
    expect(refused).toBeInstanceOf(HttpRefusedError);
    expect(refused).toMatchObject({ status: 404, code: "x", message: "answered 404" });
    expect(HttpRefusedError.of({ status: 413, text: "" }, "too big")).toMatchObject({ status: 413, code: null, message: "too big" });
    expect(HttpRefusedError.of({ status: 400, text: "nope" }).message).toBe("HTTP 400");
  });

  it("grows its waits by doubling up to a cap", () => {
    expect(backoffDelays(6, 200, 1_000)).toEqual([200, 400, 800, 1_000, 1_000]);
    expect(backoffDelays(1, 200, 1_000)).toEqual([]);
  });
});
