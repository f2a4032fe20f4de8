// `npm start`: everything needed to run OmoiOS on one machine, with no configuration.
//  1. secrets: NEXTAUTH_SECRET from the environment, or generated once into <data dir>/secrets.json
//  2. database: DATABASE_URL if set (checked; a warning when its role is a superuser), otherwise an embedded
//     PostgreSQL under <data dir>/pg that the app uses as its own role (omoios_app: owner of its database, not a
//     superuser); the superuser's password stays with this setup step, the app gets only the role's URL
//  3. migrations applied by our own runner, as that role
//  4. a production build of the web app when the sources changed since the last one (`--dev`: Next's dev mode)
//  5. one HTTP server: the agents' model calls (/api/v1/llm/…) are answered natively, the hot API routes
//     (scripts/hot-routes.ts) by their route handlers without Next's pipeline, everything else by Next, all in this
//     same process
//  6. the orchestration worker (jobs, reaper) in this process too, with the agent bundle it hands to sandboxes —
//     unless OMOIOS_WORKER=off, for workers run apart (`npm run worker`); Ctrl-C / SIGTERM stops the worker (and its
//     agents), the server, waits for metering writes, stops the database
import { watchLaunchers } from "@/lib/runtime/watch-launcher";
import { guardLostOutput } from "@/lib/runtime/guard-lost-output";
import { spawnSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { getEnv, reloadEnv } from "@/lib/env";
import { loadOrCreateLocalSecrets } from "@/lib/runtime/local-secrets";
import { prepareDatabase, type PreparedDatabase } from "@/lib/runtime/prepare-database";
import { isBuildCurrent, writeBuildStamp } from "@/lib/runtime/build-stamp";
import { publishDatabaseUrl, withdrawDatabaseUrl } from "@/lib/runtime/worker-runtime";
import { buildAgentBundle } from "@/scripts/build-agent";
import { ensureDebianPackage } from "@/scripts/ensure-debian-package";

const dev = process.argv.includes("--dev");
const say = (line: string) => process.stdout.write(`[omoios] ${line}\n`);

async function main() {
  // Before anything writes: a terminal or pipe that goes away must not take the process down or keep it busy.
  guardLostOutput();
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

  // Next runs in this process and reads these; so does the native model-call path.
  Object.assign(process.env, {
    NODE_ENV: dev ? "development" : "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? secrets.nextauthSecret,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    PORT: String(port),
  });
  const runsWorker = env.OMOIOS_WORKER === "on";
  if (runsWorker && env.SANDBOX_PROVIDER === "local") {
    if (env.SANDBOX_ISOLATION === "none") say("WARNING: SANDBOX_ISOLATION=none — agents run unconfined with this server's rights (single-user mode)");
    else if (!ensureDebianPackage("bwrap", "bubblewrap", say)) say("bubblewrap is missing: local sandboxes will refuse to start (apt-get install bubblewrap, or SANDBOX_ISOLATION=none)");
  }
  // Only a worker starts agents; the web app never reads the bundle.
  if (runsWorker && !env.OMOIOS_AGENT_BUNDLE) process.env.OMOIOS_AGENT_BUNDLE = (await buildAgentBundle()).outfile;
  reloadEnv();
  if (database.embedded) publishDatabaseUrl(dataDir, database.url);

  if (!dev && !isBuildCurrent()) {
    say("building the web app (first start or sources changed; about a minute)…");
    const nextBin = path.resolve("node_modules/next/dist/bin/next");
    const build = spawnSync(process.execPath, [nextBin, "build", "--webpack"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) {
      await database.stop();
      process.stderr.write("[omoios] the build failed; see the output above\n");
      process.exit(1);
    }
    writeBuildStamp();
  }

  const { default: next } = await import("next");
  const { MODEL_CALL_PATHS, serveModelCall } = await import("@/lib/llm/serve-model-call");
  const { settleLlmUsage } = await import("@/lib/llm/record-llm-usage");
  const app = next({ dev, dir: process.cwd(), port, hostname: "localhost", ...(dev ? { webpack: true } : {}) });
  await app.prepare();
  const handle = app.getRequestHandler();

  const { HOT_ROUTES } = await import("@/scripts/hot-routes");
  const { serveNativeRoute } = await import("@/lib/http/node-adapter");
  const { SECURITY_HEADER_RECORD } = await import("@/lib/http/security-headers");
  const { resolveClientAddress } = await import("@/lib/http/resolve-client-address");
  const server = http.createServer((req, res) => {
    // Only this server sees the socket. Next keeps an X-Forwarded-For it finds, so the client's own is replaced here
    // with the address the per-address sign-in throttles count (lib/auth/sign-in-throttle.ts).
    const clientAddress = resolveClientAddress(req, getEnv().TRUSTED_PROXY_HOPS);
    if (clientAddress) req.headers["x-forwarded-for"] = clientAddress;
    else delete req.headers["x-forwarded-for"];
    const endpoint = MODEL_CALL_PATHS[(req.url ?? "").split("?")[0]!];
    if (endpoint) return void serveModelCall(req, res, endpoint);
    // In dev, Next serves everything (hot reload of these routes too).
    if (dev) return void handle(req, res);
    serveNativeRoute(HOT_ROUTES, req, res).then(
      (served) => {
        if (!served) void handle(req, res);
      },
      (error: Error) => {
        // The handlers answer their own errors; this is the adapter failing (e.g. the client left).
        if (!res.headersSent) res.writeHead(500, { ...SECURITY_HEADER_RECORD, "content-type": "application/json" }).end('{"error":{"code":"internal","message":"Internal error"}}');
        else res.destroy(error);
      },
    );
  });
  if (dev) server.on("upgrade", app.getUpgradeHandler()); // hot reload
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  }).catch(async (error: Error) => {
    process.stderr.write(`[omoios] cannot listen on port ${port}: ${error.message}\n`);
    await database.stop();
    process.exit(1);
  });
  // Not even loaded without a worker: the web process then holds only what serving needs.
  const worker = runsWorker ? await (await import("@/lib/worker/start-worker")).startWorker({ connectionString: database.url }) : null;
  say(`OmoiOS is ready at ${process.env.NEXTAUTH_URL}${runsWorker ? "" : " (no worker here: OMOIOS_WORKER=off)"} (Ctrl-C to stop)`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    say("stopping…");
    // First: running agents still report their last events to the server below.
    await worker?.stop();
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    await closed;
    clearTimeout(force);
    await app.close?.();
    await settleLlmUsage();
    withdrawDatabaseUrl(dataDir);
    await database.stop();
    say("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  // A closed terminal's hang-up, and a launcher (npm) that ended without passing its SIGTERM on, stop it the same way.
  process.on("SIGHUP", () => void shutdown());
  watchLaunchers((pid) => {
    say(`the process that started this one (pid ${pid}) has ended: stopping`);
    void shutdown();
  });
}

main().catch((error) => {
  process.stderr.write(`[omoios] ${(error as Error).message}\n`);
  process.exit(1);
});
