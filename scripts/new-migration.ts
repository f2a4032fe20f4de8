// Authors a new migration from prisma/schema.prisma against a throwaway embedded PostgreSQL:
//   npm run db:new-migration -- <name>
// Where Prisma's native schema engine is available (a normal machine) `prisma migrate dev --name <name>` does the
// same. On machines without it we drive Prisma's WebAssembly engine through the workplace tool named by
// PRISMA_WASM_TOOL (default ../shared/tools/prisma-wasm.mjs).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name>   (lowercase letters, digits, underscores)");
  process.exit(2);
}
const tool = path.resolve(process.env.PRISMA_WASM_TOOL ?? "../shared/tools/prisma-wasm.mjs");
const useWasm = fs.existsSync(tool);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-migrate-"));
fs.chmodSync(dataDir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), database: "authoring" });
try {
  // The wasm engine needs a shadow database it is handed (it cannot create one through the adapter itself).
  await createDatabaseIfMissing(pg.url, "shadow");
  const shadowUrl = Object.assign(new URL(pg.url), { pathname: "/shadow" }).toString();
  const [cmd, args] = useWasm
    ? ["node", [tool, "dev", "--name", name, "--create-only"]]
    : ["npx", ["prisma", "migrate", "dev", "--name", name, "--create-only"]];
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: pg.url, SHADOW_DATABASE_URL: shadowUrl } });
  process.exitCode = result.status ?? 1;
} finally {
  await pg.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
