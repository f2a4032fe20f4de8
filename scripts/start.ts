// `npm start`: everything needed to run OmoiOS on one machine, with no configuration.
//  1. secrets: NEXTAUTH_SECRET from the environment, or generated once into <data dir>/secrets.json
//  2. database: DATABASE_URL if set (checked), otherwise an embedded PostgreSQL under <data dir>/pg
//  3. migrations applied by our own runner
//  4. a production build of the web app when the sources changed since the last one (`--dev`: `next dev`)
//  5. the web server; Ctrl-C / SIGTERM stops it, then the embedded database
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { loadOrCreateLocalSecrets } from "@/lib/runtime/local-secrets";
import { prepareDatabase, type PreparedDatabase } from "@/lib/runtime/prepare-database";
import { isBuildCurrent, writeBuildStamp } from "@/lib/runtime/build-stamp";

const dev = process.argv.includes("--dev");
const say = (line: string) => process.stdout.write(`[omoios] ${line}\n`);

async function main() {
  const env = getEnv();
  const dataDir = path.resolve(env.OMOIOS_DATA_DIR);
  const port = env.PORT;
  const secrets = loadOrCreateLocalSecrets(dataDir);

  let database: PreparedDatabase;
  try {
    database = await prepareDatabase({ databaseUrl: env.DATABASE_URL, dataDir, log: say });
  } catch (error) {
    process.stderr.write(`[omoios] ${(error as Error).message}\n`);
    process.exit(1);
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: dev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? secrets.nextauthSecret,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    PORT: String(port),
  };
  const nextBin = path.resolve("node_modules/next/dist/bin/next");

  if (!dev && !isBuildCurrent()) {
    say("building the web app (first start or sources changed; about a minute)…");
    const build = spawnSync(process.execPath, [nextBin, "build", "--webpack"], { stdio: "inherit", env: childEnv });
    if (build.status !== 0) {
      await database.stop();
      process.stderr.write("[omoios] the build failed; see the output above\n");
      process.exit(1);
    }
    writeBuildStamp();
  }

  const web: ChildProcess = spawn(
    process.execPath,
    [nextBin, dev ? "dev" : "start", ...(dev ? ["--webpack"] : []), "--port", String(port)],
    { stdio: "inherit", env: childEnv },
  );
  say(`OmoiOS is starting at ${childEnv.NEXTAUTH_URL} (Ctrl-C to stop)`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping…");
    if (web.exitCode === null && web.signalCode === null) {
      web.kill("SIGTERM");
      const killTimer = setTimeout(() => web.kill("SIGKILL"), 10_000);
      await new Promise((resolve) => web.once("exit", resolve));
      clearTimeout(killTimer);
    }
    await database.stop();
    say("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  web.on("exit", (code, signal) => {
    if (stopping) return;
    process.stderr.write(`[omoios] the web server exited (${signal ?? `code ${code}`})\n`);
    void shutdown(code ?? 1);
  });
}

main().catch((error) => {
  process.stderr.write(`[omoios] ${(error as Error).message}\n`);
  process.exit(1);
});
