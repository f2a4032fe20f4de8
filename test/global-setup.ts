import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { installJobQueue } from "@/lib/jobs/install-job-queue";
import { buildAgentBundle } from "@/scripts/build-agent";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database every test file shares (tests create their own rows with unique values). */
    databaseUrl: string;
    /** Maintenance URL of the same server, for tests that need a database of their own. */
    adminUrl: string;
    /** dist/omoi-agent.mjs built once for this run (in a temp folder), for tests that start real agents. */
    agentBundlePath: string;
  }
}

/**
 * One fresh, migrated database per test run: an embedded PostgreSQL in a temp folder, or — when
 * OMOIOS_TEST_ADMIN_URL names an existing server — a new database there that is dropped afterwards.
 */
export default async function setup(project: TestProject) {
  const database = `omoios_test_${Date.now().toString(36)}`;
  let adminUrl = process.env.OMOIOS_TEST_ADMIN_URL;
  let stopServer = async () => {};
  let tempDir: string | undefined;

  if (!adminUrl) {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-test-"));
    fs.chmodSync(tempDir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "pg") });
    adminUrl = server.adminUrl;
    stopServer = server.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  await migrate({ connectionString: url.toString() });
  await installJobQueue(url.toString());
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-agent-bundle-"));
  const { outfile } = await buildAgentBundle(path.join(bundleDir, "omoi-agent.mjs"));
  project.provide("databaseUrl", url.toString());
  project.provide("agentBundlePath", outfile);
  project.provide("adminUrl", adminUrl);

  return async () => {
    fs.rmSync(bundleDir, { recursive: true, force: true });
    if (tempDir) {
      await stopServer();
      fs.rmSync(tempDir, { recursive: true, force: true });
      return;
    }
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
  };
}
