import { Logger, runMigrations } from "graphile-worker";

const quiet = new Logger(() => () => {});

/**
 * Creates or upgrades graphile-worker's own schema (`graphile_worker`). Run with the app's migrations, so the web
 * process can enqueue jobs before any worker has started.
 */
export async function installJobQueue(connectionString: string) {
  await runMigrations({ connectionString, logger: quiet });
}
