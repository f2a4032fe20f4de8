import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpEventReporter, createMemoryEventReporter } from "@/lib/events/event-reporter";
import { eventBatchSchema, type OutgoingEvent } from "@/lib/events/event-schemas";

interface Received {
  auth: string | undefined;
  events: OutgoingEvent[];
  at: number;
}

let server: http.Server | undefined;
afterEach(() => server?.close());

/** A loopback receiver answering each request with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const attempts: string[][] = [];
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const status = statuses.shift() ?? 200;
      attempts.push((JSON.parse(body) as { events: OutgoingEvent[] }).events.map((e) => e.clientEventId));
      if (status === 200) {
        const batch = eventBatchSchema.parse(JSON.parse(body));
        received.push({ auth: req.headers.authorization, events: batch.events, at: Date.now() });
      }
      res.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, received, attempts };
}

describe("HTTP event reporter", () => {
  it("sends on its own timer (no flush call), with the sandbox token, as a valid batch", async () => {
    const { url, received } = await receiver();
    const reporter = createHttpEventReporter({ apiUrl: url, sandboxId: "sb1", token: "omoisbx_secret", flushIntervalMs: 200 });
    reporter.emit("agent.message", { turn: 1, text: "hello" });
    // How soon is a benchmark's business; here: it goes out by itself.
    await expect.poll(() => received.length, { timeout: 5_000, interval: 20 }).toBe(1);
    expect(received[0]!.auth).toBe("Bearer omoisbx_secret");
    expect(received[0]!.events[0]).toMatchObject({ type: "agent.message", data: { turn: 1, text: "hello" } });
    await reporter.close();
  });

  it("retries a failed batch with the same client event ids and keeps order", async () => {
    const { url, received, attempts } = await receiver([503, 500]);
    const reporter = createHttpEventReporter({ apiUrl: url, sandboxId: "sb1", token: "t", flushIntervalMs: 10_000, maxBatch: 1000 });
    for (let i = 0; i < 5; i++) reporter.emit("spec.progress", { progress: i * 10, phase: "explore" });
    await reporter.flush(); // first attempt 503, retried within the same flush
    expect(received).toHaveLength(1);
    expect(received[0]!.events.map((e) => (e.data as { progress: number }).progress)).toEqual([0, 10, 20, 30, 40]);
    expect(new Set(received[0]!.events.map((e) => e.clientEventId)).size).toBe(5);
    expect(attempts).toHaveLength(3);
    expect(attempts[0]).toEqual(attempts[2]);
    expect(attempts[1]).toEqual(attempts[2]);
  });

  it("keeps events it could not deliver and sends them, with their original ids, on the next flush", async () => {
    const { url, received } = await receiver([400]);
    const reporter = createHttpEventReporter({ apiUrl: url, sandboxId: "sb1", token: "t", flushIntervalMs: 10_000 });
    reporter.emit("task.started", {});
    await reporter.flush(); // refused (4xx): kept
    expect(received).toHaveLength(0);
    await reporter.flush();
    expect(received).toHaveLength(1);
    expect(received[0]!.events).toHaveLength(1);
  });

  it("bounds memory by dropping heartbeats first", async () => {
    const reporter = createHttpEventReporter({
      apiUrl: "http://127.0.0.1:9",
      sandboxId: "sb1",
      token: "t",
      flushIntervalMs: 60_000,
      maxBatch: 10_000,
      maxBuffered: 5,
      maxAttempts: 1,
    });
    reporter.emit("spec.heartbeat", {});
    for (let i = 0; i < 5; i++) reporter.emit("agent.message", { turn: i, text: `m${i}` });
    expect(reporter.dropped).toBe(1);
  });
});

describe("memory event reporter", () => {
  it("keeps typed events with ids", () => {
    const reporter = createMemoryEventReporter();
    reporter.emit("task.commit", { sha: "abc1234", message: "Add feature" });
    expect(reporter.events[0]).toMatchObject({ type: "task.commit", clientEventId: expect.any(String) });
  });
});

describe("event batch schema", () => {
  it("refuses unknown types and invalid data with a path", () => {
    const bad = eventBatchSchema.safeParse({
      events: [{ type: "spec.progress", data: { progress: 140, phase: "explore" }, clientEventId: "12345678", occurredAt: new Date().toISOString() }],
    });
    expect(bad.success).toBe(false);
    const unknown = eventBatchSchema.safeParse({
      events: [{ type: "spec.nope", data: {}, clientEventId: "12345678", occurredAt: new Date().toISOString() }],
    });
    expect(unknown.success).toBe(false);
  });
});
