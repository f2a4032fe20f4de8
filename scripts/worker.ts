// `npm run worker`: an orchestration worker on its own (`npm start` already runs one in-process). Any number may
// run at once, on any machines sharing the database. Database: DATABASE_URL, or the embedded one a local
// `npm start` is running. SIGTERM/SIGINT: stop taking jobs, finish the running ones, end this worker's agents.
import { watchLaunchers } from "@/lib/runtime/watch-launcher";
import { guardLostOutput } from "@/lib/runtime/guard-lost-output";
import path from "node:path";
import { getEnv, reloadEnv } from "@/lib/env";
import { prepareDatabase } from "@/lib/runtime/prepare-database";
import { readPublishedDatabaseUrl } from "@/lib/runtime/worker-runtime";
import { buildAgentBundle } from "@/scripts/build-agent";

const say = (line: string) => process.stdout.write(`[omoios worker] ${line}\n`);

async function main() {
  // Before anything writes: a terminal or pipe that goes away must not take the process down or keep it busy.
  guardLostOutput();
  const env = getEnv();
  const dataDir = path.resolve(env.OMOIOS_DATA_DIR);
  const url = env.DATABASE_URL ?? readPublishedDatabaseUrl(dataDir);
  if (!url) {
    process.stderr.write("[omoios worker] no database: set DATABASE_URL, or run `npm start` first (it runs a worker itself unless OMOIOS_WORKER=off)\n");
    process.exit(1);
  }
  try {
    await prepareDatabase({ databaseUrl: url, dataDir, log: say });
  } catch (error) {
    process.stderr.write(`[omoios worker] ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.env.DATABASE_URL = url;
  if (!env.OMOIOS_AGENT_BUNDLE) {
    const { outfile } = await buildAgentBundle();
    process.env.OMOIOS_AGENT_BUNDLE = outfile;
  }
  reloadEnv();
  const { startWorker } = await import("@/lib/worker/start-worker");
  const worker = await startWorker({ connectionString: url });
  say(`running (sandboxes: ${getEnv().SANDBOX_PROVIDER})`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say("stopping: finishing running jobs…");
    await worker.stop();
    say("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  // A closed terminal's hang-up, and a launcher (npm) that ended without passing its SIGTERM on, stop it the same way.
  process.on("SIGHUP", () => void stop());
  watchLaunchers((pid) => {
    say(`the process that started this one (pid ${pid}) has ended: stopping`);
    void stop();
  });
}

main().catch((error) => {
  process.stderr.write(`[omoios worker] ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
