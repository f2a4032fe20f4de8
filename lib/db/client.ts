import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

/**
 * The only PrismaClient. Created on first use (not at import) so scripts can start an embedded database and set
 * DATABASE_URL before anything touches it; kept on globalThis so Next's dev reloads do not open new pools.
 */
const holder = globalThis as unknown as { omoiPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (start the app with `npm start`, which provides one)");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}

export function getDb(): PrismaClient {
  holder.omoiPrisma ??= createClient();
  return holder.omoiPrisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb() {
  await holder.omoiPrisma?.$disconnect();
  holder.omoiPrisma = undefined;
}

export type { PrismaClient };
export { Prisma } from "@/lib/generated/prisma/client";
