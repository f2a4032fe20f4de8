import { describe, expect, it } from "vitest";
import { createConcurrencyLimit } from "@/lib/security/create-concurrency-limit";

/** A task that ends when told to, noting when it started. */
function controllable(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve(name);
    fail = reject;
  });
  return { task: () => (log.push(name), done), finish: () => finish(), fail: (error: Error) => fail(error) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createConcurrencyLimit", () => {
  it("runs `max` tasks at once and starts the waiting ones in arrival order as slots free up", async () => {
    const limit = createConcurrencyLimit({ max: 2, maxQueue: 10, onFull: () => new Error("full") });
    const started: string[] = [];
    const tasks = ["a", "b", "c", "d"].map((name) => controllable(started, name));
    const settled = Promise.allSettled(tasks.map((t) => limit.run(t.task)));
    await tick();
    expect(started).toEqual(["a", "b"]);
    expect(limit.load()).toEqual({ running: 2, waiting: 2 });
    tasks[1]!.finish();
    await tick();
    expect(started).toEqual(["a", "b", "c"]);
    tasks[0]!.fail(new Error("boom")); // a failing task frees its slot too
    await tick();
    expect(started).toEqual(["a", "b", "c", "d"]);
    tasks[2]!.finish();
    tasks[3]!.finish();
    await expect(settled).resolves.toMatchObject([
      { status: "rejected", reason: { message: "boom" } },
      { status: "fulfilled", value: "b" },
      { status: "fulfilled", value: "c" },
      { status: "fulfilled", value: "d" },
    ]);
    expect(limit.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses at once, without running the task, when `maxQueue` tasks already wait", async () => {
    const limit = createConcurrencyLimit({ max: 1, maxQueue: 1, onFull: () => new Error("busy") });
    const started: string[] = [];
    const [a, b, c] = ["a", "b", "c"].map((name) => controllable(started, name));
    const running = [limit.run(a!.task), limit.run(b!.task)];
    await expect(limit.run(c!.task)).rejects.toThrow("busy");
    a!.finish();
    b!.finish();
    await Promise.all(running);
    expect(started).toEqual(["a", "b"]);
  });
});
