import { z } from "zod";

/**
 * The process environment, parsed once. Everything else reads configuration from here, so the README's
 * configuration table and this schema are the whole list of variables.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL to use; unset → `npm start` runs an embedded server and sets it for the app. */
  DATABASE_URL: z.string().url().optional(),
  /** Where local state lives: embedded database, generated secrets. */
  OMOIOS_DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  /** Largest accepted JSON request body in bytes (413 past it). */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Failed sign-ins for one email before it is locked for AUTH_LOCK_MINUTES. */
  AUTH_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  AUTH_LOCK_MINUTES: z.coerce.number().positive().default(15),
  /** The server's Anthropic key. Only the LLM proxy uses it; it never enters a sandbox. */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** Where the LLM proxy forwards model calls (tests point it at a loopback fake). */
  ANTHROPIC_BASE_URL: z.string().url().default("https://api.anthropic.com"),
  /** Largest model request the proxy accepts (conversations grow large). */
  LLM_PROXY_MAX_BODY_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
  /** scrypt cost (N); lowered only by the test harness to keep suites fast. */
  PASSWORD_SCRYPT_N: z.coerce.number().int().min(1024).default(32768),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  // Empty strings (e.g. `GITHUB_ID=` in a shell) mean "unset", not "invalid".
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Forgets the parsed environment, for a launcher that sets variables (e.g. DATABASE_URL) after reading it. */
export function reloadEnv(): Env {
  cached = undefined;
  return getEnv();
}

export const isGithubAuthEnabled = () => Boolean(getEnv().GITHUB_ID && getEnv().GITHUB_SECRET);
