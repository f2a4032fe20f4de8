import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The e2e server's own data dir (embedded database, secrets); scripts/test.ts empties it before each run. */
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `omoios-e2e-${PORT}`);
/**
 * e2e/invite.spec.ts's own server: sign-up as shipped (SIGNUP=invite), a new instance at every start (its first
 * account is the admin who invites), no worker. The other specs sign up people freely on the first server.
 */
const INVITE_PORT = Number(process.env.E2E_INVITE_PORT ?? PORT + 1);
export const INVITE_BASE_URL = `http://localhost:${INVITE_PORT}`;
const SECRET = "e2e-secret-that-is-long-enough-0123456789";

/** Debian's chromium when present (Playwright's own download is not reachable on our machines). */
const systemChromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (candidate): candidate is string => Boolean(candidate && fs.existsSync(candidate)),
);

/** Also used by bench/ui.ts, so the benchmark measures the browser the tests use. */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: systemChromium,
  args: [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: CHROMIUM_LAUNCH_OPTIONS,
      },
    },
  ],
  // Started one after the other: the first builds the app when its sources changed, the second finds it built.
  webServer: [
    {
      // The same start path as `npm start` (embedded PostgreSQL, migrations, production build, worker, local
      // sandboxes), with the scripted fake model behind the LLM proxy. Open sign-up: these specs sign up many people.
      command: "npx tsx test/e2e-server.ts",
      url: `http://localhost:${PORT}/api/v1/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
      env: {
        PORT: String(PORT),
        OMOIOS_DATA_DIR: E2E_DATA_DIR,
        DATABASE_URL: "",
        NEXTAUTH_URL: `http://localhost:${PORT}`,
        NEXTAUTH_SECRET: SECRET,
        NEXT_TELEMETRY_DISABLED: "1",
        SIGNUP: "open",
      },
    },
    {
      command: "npx tsx test/e2e-server.ts",
      url: `${INVITE_BASE_URL}/api/v1/health`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
      env: {
        PORT: String(INVITE_PORT),
        OMOIOS_DATA_DIR: path.join(os.tmpdir(), `omoios-e2e-${INVITE_PORT}`),
        E2E_FRESH_DATA_DIR: "1",
        OMOIOS_WORKER: "off",
        DATABASE_URL: "",
        NEXTAUTH_URL: INVITE_BASE_URL,
        NEXTAUTH_SECRET: SECRET,
        NEXT_TELEMETRY_DISABLED: "1",
        SIGNUP: "invite",
      },
    },
  ],
});
