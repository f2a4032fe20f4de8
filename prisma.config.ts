import { defineConfig } from "prisma/config";

// The URL is only read by Prisma CLI commands that talk to a database (never needed by `prisma generate`).
// At run time the app connects through lib/db/client.ts with the pg driver adapter.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/omoios" },
});
