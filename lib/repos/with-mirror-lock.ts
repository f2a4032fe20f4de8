import fs from "node:fs";
import path from "node:path";

const STALE_AFTER_MS = 30 * 60_000;
const POLL_MS = 100;
const held = new Map<string, Promise<unknown>>();

/**
 * Runs `work` while holding the mirror's lock: one delivery (fetches, ref updates, push) per project at a time, in
 * this process (a promise chain) and across the worker processes sharing the data folder (a lock folder made with
 * mkdir, which is atomic; one left by a crashed process is taken over once its process is gone or it is old).
 */
export async function withMirrorLock<T>(gitDir: string, work: () => Promise<T>): Promise<T> {
  const previous = held.get(gitDir) ?? Promise.resolve();
  const run = previous.catch(() => {}).then(async () => {
    const lock = path.join(gitDir, "omoios-delivery.lock");
    await acquire(lock);
    try {
      return await work();
    } finally {
      await fs.promises.rm(lock, { recursive: true, force: true });
    }
  });
  held.set(gitDir, run);
  try {
    return await run;
  } finally {
    if (held.get(gitDir) === run) held.delete(gitDir);
  }
}

async function acquire(lock: string) {
  for (;;) {
    try {
      await fs.promises.mkdir(lock);
      await fs.promises.writeFile(path.join(lock, "pid"), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (await isStale(lock)) await fs.promises.rm(lock, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function isStale(lock: string): Promise<boolean> {
  try {
    const stat = await fs.promises.stat(lock);
    if (Date.now() - stat.mtimeMs > STALE_AFTER_MS) return true;
    const pid = Number(await fs.promises.readFile(path.join(lock, "pid"), "utf8"));
    if (!pid || pid === process.pid) return false;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // No such process: its holder died. A lock folder still without its pid file is being made right now.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
