import { EventEmitter } from "node:events";
import { Logger, run, type Runner, type WorkerEvents } from "graphile-worker";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { jobPayloadSchemas } from "@/lib/jobs/job-names";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { log } from "@/lib/log";
import { getSandboxProvider } from "@/lib/sandbox/get-sandbox-provider";
import { handleSandboxExit } from "@/lib/sandbox/handle-sandbox-exit";
import { markSandboxLost } from "@/lib/sandbox/mark-sandbox-lost";
import { reapSandboxes } from "@/lib/sandbox/reap-sandboxes";
import type { SandboxProvider } from "@/lib/sandbox/sandbox-provider";
import { spawnSpecSandbox } from "@/lib/sandbox/spawn-spec-sandbox";
import { spawnJobKey } from "@/lib/specs/start-spec-run";
import { dispatchTasks } from "@/lib/tickets/dispatch-tasks";
import { enqueueDispatch } from "@/lib/tickets/enqueue-dispatch";
import { finishTask } from "@/lib/tickets/finish-task";
import { guardLostConnections } from "@/lib/worker/guard-lost-connections";

export interface WorkerOptions {
  connectionString: string;
  /** Jobs run at once by this worker. */
  concurrency?: number;
  provider?: SandboxProvider;
  heartbeatTimeoutSeconds?: number;
  reaperIntervalMs?: number;
  cleanupGraceMs?: number;
  /** How often to look for jobs when no notification arrives (LISTEN/NOTIFY normally wakes it at once). */
  pollIntervalMs?: number;
}

export interface RunningWorker {
  /** Stops taking jobs, lets the running ones finish, ends this worker's local agents and hands their specs back. */
  stop(): Promise<void>;
  /** One reaper pass now (tests). */
  reapNow(): Promise<void>;
}

const RUNNER_RETRY_MAX_MS = 30_000;

// graphile-worker's own log lines, through ours: warnings and errors; its per-job info lines only with OMOIOS_DEBUG.
const workerLogger = new Logger(() => (level, message, meta) => {
  const fields = { component: "graphile-worker", ...(meta as Record<string, unknown>) };
  if (level === "error") log.error(message, fields);
  else if (level === "warning") log.warn(message, fields);
  else log.debug(message, fields);
});

/**
 * The orchestration worker: graphile-worker jobs on the app's database plus the reaper. Every job is idempotent and
 * every claim atomic, so any number of these may run at once. The only in-memory state is which agents this process
 * started (to stop them on shutdown); everything that matters is in the database.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const env = getEnv();
  const provider = options.provider ?? getSandboxProvider();
  const heartbeatTimeoutSeconds = options.heartbeatTimeoutSeconds ?? env.SANDBOX_HEARTBEAT_TIMEOUT_SECONDS;
  const startedHere = new Set<string>();
  let stopping = false;

  const onExit = (sandboxId: string, status: { state: "running" | "exited" | "unknown"; exitCode?: number | null }) => {
    startedHere.delete(sandboxId);
    if (stopping) return; // shutdown hands these back itself
    handleSandboxExit(sandboxId, status).catch((error) => log.error("recording an agent's exit failed", { sandboxId, error: (error as Error).message }));
  };

  guardLostConnections();
  // Ids of this process's worker pools: the jobs a dead pool still holds are unlocked when a new one starts.
  const poolIds = new Set<string>();
  const events = new EventEmitter() as WorkerEvents;
  events.on("pool:create", ({ workerPool }) => poolIds.add(workerPool.id));
  const runnerOptions = {
    events,
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 2_000,
    logger: workerLogger,
    taskList: {
      spawn_spec_sandbox: async (raw: unknown) => {
        const payload = jobPayloadSchemas.spawn_spec_sandbox.parse(raw);
        const outcome = await spawnSpecSandbox({ specId: payload.specId, provider, onExit });
        if (outcome.spawned) startedHere.add(outcome.sandboxId);
        else if (outcome.reason === "at_capacity") {
          // Not a failure: try again shortly, as the same (deduplicated) job.
          await enqueueJob("spawn_spec_sandbox", payload, { jobKey: spawnJobKey(payload.specId), runAt: outcome.retryAt });
        }
      },
      dispatch_tasks: async () => {
        const { started } = await dispatchTasks({ provider, onExit });
        for (const sandboxId of started) startedHere.add(sandboxId);
      },
      finish_task: async (raw: unknown) => {
        await finishTask(jobPayloadSchemas.finish_task.parse(raw));
      },
    },
  };

  // graphile-worker's runner ends for good when it loses the database (a restart, a network blip). This worker's
  // agents keep running meanwhile, so rather than dying with it, start a new runner once the database answers again.
  let runner: Runner | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  const startRunner = async (attempt = 0): Promise<void> => {
    if (stopping) return;
    try {
      const previous = [...poolIds];
      const current = await run(runnerOptions);
      runner = current;
      if (attempt > 0) {
        // Jobs the lost runner had taken would otherwise wait hours for their locks to expire.
        await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${previous}::text[])`;
        log.warn("job runner restarted", { attempt, unlockedPools: previous.length });
      }
      current.promise.catch((error: Error) => {
        if (stopping || runner !== current) return;
        log.error("job runner stopped; restarting it", { error: error.message });
        runner = undefined;
        void startRunner(1);
      });
    } catch (error) {
      if (attempt === 0) throw error; // at start-up the caller should hear about it
      const delay = Math.min(500 * 2 ** Math.min(attempt, 6), RUNNER_RETRY_MAX_MS);
      restartTimer = setTimeout(() => void startRunner(attempt + 1), delay);
      log.warn("job runner could not start yet; retrying", { attempt, delayMs: delay, error: (error as Error).message });
    }
  };
  await startRunner();

  let reaping: Promise<void> = Promise.resolve();
  const reapNow = () => {
    reaping = reaping
      .then(() => reapSandboxes({ heartbeatTimeoutSeconds, cleanupGraceMs: options.cleanupGraceMs }))
      // Also a safety net for dispatch: anything runnable that no event announced is picked up within one pass.
      .then(async (result) => {
        await enqueueDispatch();
        return result;
      })
      .then(({ lost, destroyed }) => {
        if (lost.length || destroyed.length) log.info("reaper pass", { lost: lost.length, destroyed: destroyed.length });
      })
      .catch((error) => log.error("reaper pass failed", { error: (error as Error).message }));
    return reaping;
  };
  const reaper = setInterval(() => void reapNow(), options.reaperIntervalMs ?? env.SANDBOX_REAPER_SECONDS * 1000);

  return {
    reapNow,
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(reaper);
      clearTimeout(restartTimer);
      await runner?.stop();
      await reaping;
      // Our local agents would be orphans once we are gone: end them and queue their specs to resume from their
      // checkpoints with whichever worker runs next (not counted as a crash).
      if (provider.name === "local") {
        await Promise.all(
          [...startedHere].map((sandboxId) =>
            markSandboxLost({ sandboxId, status: "stopped", countsAsCrash: false, reason: "the worker shut down; the spec resumes from its checkpoint" }).catch(
              (error) => log.error("handing back a sandbox failed", { sandboxId, error: (error as Error).message }),
            ),
          ),
        );
      }
    },
  };
}
