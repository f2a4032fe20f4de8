import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-env.ts"],
    pool: "forks",
    // Two cores: more workers only contend with PostgreSQL.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // test/faults/postgres-restart.test.ts stops PostgreSQL on purpose; graphile-worker's pooled client can then
    // surface the server's "terminating connection due to administrator command" (57P01) outside any promise. The
    // product survives it (the worker's guard; that test checks the outcome); only that exact error is ignored here.
    onUnhandledError: (error) => (error as { code?: string }).code !== "57P01",
  },
});
