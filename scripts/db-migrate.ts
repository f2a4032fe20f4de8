// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database under the data dir.
import path from "node:path";
import { getEnv } from "@/lib/env";
import { prepareDatabase } from "@/lib/runtime/prepare-database";

const env = getEnv();
try {
  const database = await prepareDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: path.resolve(env.OMOIOS_DATA_DIR),
    log: (line) => console.log(`[omoios] ${line}`),
  });
  await database.stop();
} catch (error) {
  console.error(`[omoios] ${(error as Error).message}`);
  process.exit(1);
}
