import pg from "pg";
import { getEnv } from "@/lib/env";

/**
 * A plain node-postgres pool for the few queries on hot paths (the LLM proxy's per-call check), where Prisma's
 * per-query overhead (≈ 2 ms measured for a raw query here) is larger than the query itself (≈ 0.3 ms).
 * Same database, same lifetime rules as the Prisma client.
 */
const holder = globalThis as unknown as { omoiPgPool?: pg.Pool };

export function getPgPool(): pg.Pool {
  if (!holder.omoiPgPool) {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    holder.omoiPgPool = new pg.Pool({ connectionString: url, max: 5 });
    // An idle client that loses its connection must not crash the process; the pool replaces it.
    holder.omoiPgPool.on("error", () => {});
  }
  return holder.omoiPgPool;
}
