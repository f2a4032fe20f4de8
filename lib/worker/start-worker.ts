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
import { dispatchTasks } from "@/lib/sandbox/dispatch-tasks";
import { enqueueDispatch } from "@/lib/jobs/enqueue-dispatch";
import { finishIntegration } from "@/lib/sandbox/finish-integration";
import { finishTask } from "@/lib/sandbox/finish-task";
import { integrateNextTask } from "@/lib/sandbox/integrate-next-task";
import { guardLostConnections } from "@/lib/worker/guard-lost-connections";
import { planReaperSchedule, REAPER_JOB_KEY, REAPER_MAX_ATTEMPTS } from "@/lib/worker/plan-reaper-schedule";
import { runJob } from "@/lib/worker/run-job";

export interface WorkerOptions {
  connectionString: string;
  /** Jobs run at once by this worker. */
  concurrency?: number;
  provider?: SandboxProvider;
  heartbeatTimeoutSeconds?: number;
  /**
   * How often the reaper runs (default SANDBOX_REAPER_SECONDS), across all workers: a graphile-worker cron item,
   * plus a booked follow-up pass when it is under a minute (see planReaperSchedule).
   */
  reaperIntervalMs?: number;
  cleanupGraceMs?: number;
  /** How often to look for jobs when no notification arrives (LISTEN/NOTIFY normally wakes it at once). */
  pollIntervalMs?: number;
}

export interface RunningWorker {
  /** Stops taking jobs, lets the running ones finish, ends this worker's local agents and hands their specs back. */
  stop(): Promise<void>;
  /** One reaper pass now, in this process, besides the scheduled ones (tests). */
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
 * The orchestration worker: graphile-worker jobs on the app's database, the reaper (a cron item) among them. Every
 * job is idempotent and every claim atomic, so any number of these may run at once. The only in-memory state is which
 * agents this process started (to stop them on shutdown); everything that matters is in the database.
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

  const reaperSchedule = planReaperSchedule(options.reaperIntervalMs ?? env.SANDBOX_REAPER_SECONDS * 1000);
  // Every task goes through runJob: a bad payload or a 4xx-like failure completes the job (logged) instead of
  // being retried five times; anything else throws and graphile-worker retries it with backoff.
  const runnerOptions = {
    events,
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 2_000,
    logger: workerLogger,
    parsedCronItems: reaperSchedule.cronItems,
    taskList: {
      spawn_spec_sandbox: runJob(jobPayloadSchemas.spawn_spec_sandbox, async (payload) => {
        const outcome = await spawnSpecSandbox({ specId: payload.specId, provider, onExit });
        if (outcome.spawned) startedHere.add(outcome.sandboxId);
        else if (outcome.reason === "at_capacity") {
          // Not a failure: try again shortly, as the same (deduplicated) job.
          await enqueueJob("spawn_spec_sandbox", payload, { jobKey: spawnJobKey(payload.specId), runAt: outcome.retryAt });
        }
      }),
      dispatch_tasks: runJob(jobPayloadSchemas.dispatch_tasks, async () => {
        const { started } = await dispatchTasks({ provider, onExit });
        for (const sandboxId of started) startedHere.add(sandboxId);
      }),
      finish_task: runJob(jobPayloadSchemas.finish_task, (payload) => finishTask(payload)),
      integrate_spec: runJob(jobPayloadSchemas.integrate_spec, async (payload) => {
        const { sandboxId } = await integrateNextTask({ specId: payload.specId, provider, onExit });
        if (sandboxId) startedHere.add(sandboxId);
      }),
      finish_integration: runJob(jobPayloadSchemas.finish_integration, (payload) => finishIntegration(payload)),
      reap_sandboxes: runJob(jobPayloadSchemas.reap_sandboxes, async () => {
        // Booked before the pass, so a pass that fails or hangs does not end the chain.
        if (reaperSchedule.followUpMs !== null) await bookReaperPass(reaperSchedule.followUpMs);
        // Never throws (a failed pass is logged): the next pass is its retry.
        await reapNow();
      }),
    },
  };

  // graphile-worker's runner ends for good when it loses the database (a restart, a network blip). This worker's
  // agents keep running meanwhile, so rather than dying with it, start a new runner once the database answers again.
  // (Not lib/http/fetch-with-retry: no HTTP here, and its attempts are finite; this waits, unbounded, for PostgreSQL.
  // No retry library is among the dependencies, and graphile-worker does not export its own backoff.)
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

  // A starting worker books the first sub-minute pass; the cron item alone would first run at the next minute (and
  // still does, should this booking fail).
  if (reaperSchedule.followUpMs !== null) {
    await bookReaperPass(reaperSchedule.followUpMs).catch((error) => log.warn("could not book a reaper pass", { error: (error as Error).message }));
  }

  return {
    reapNow,
    async stop() {
      if (stopping) return;
      stopping = true;
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

/**
 * Books the next reaper pass `delayMs` from now, in place of any pending one (the key): after a pass the next is due
 * one interval later, and a starting worker's booking replaces one left by a worker that ran with a longer interval.
 */
function bookReaperPass(delayMs: number) {
  return enqueueJob("reap_sandboxes", {}, { jobKey: REAPER_JOB_KEY, maxAttempts: REAPER_MAX_ATTEMPTS, runAt: new Date(Date.now() + delayMs) });
}
