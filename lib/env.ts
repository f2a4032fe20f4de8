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
  /**
   * Requests per minute one API key may make (token bucket per key and web process; 0 = no limit); past it, 429
   * `rate_limited` with Retry-After. Generous: a CLI or a polling script never comes near it.
   */
  API_KEY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** Requests one API key may make at once after a quiet spell (the bucket's size). */
  API_KEY_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(600),
  /**
   * Requests per minute one sandbox may make — events, context, checkpoints and model calls together (token bucket
   * per sandbox and web process; 0 = no limit). An agent sends a batch every 0.25–1 s, heartbeats and model calls.
   */
  SANDBOX_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** Requests one sandbox may make at once after a quiet spell (the bucket's size). */
  SANDBOX_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(600),

  /** `off`: `npm start` serves the web app without its in-process worker (workers then run as `npm run worker`). */
  OMOIOS_WORKER: z.enum(["on", "off"]).default("on"),
  /** Where agents run: child processes on this machine, or Daytona sandboxes. */
  SANDBOX_PROVIDER: z.enum(["local", "daytona"]).default("local"),
  /** The app's URL as seen from inside a sandbox (events, context, model calls). Default: NEXTAUTH_URL. */
  OMOIOS_PUBLIC_URL: z.string().url().optional(),
  /** The single-file agent that sandboxes run. Default: dist/omoi-agent.mjs (the worker builds it at start). */
  OMOIOS_AGENT_BUNDLE: z.string().optional(),
  /**
   * Folder of local sandboxes' workspaces and logs. Default: omoios-sandboxes-<uid> in the system's temp folder —
   * outside the data folder, on a path sandbox users can reach (the server's home folder often is not).
   */
  SANDBOX_ROOT: z.string().optional(),
  /** How local sandboxes are confined: bubblewrap (default), or none — single-user mode, agents run unconfined with the server's rights. */
  SANDBOX_ISOLATION: z.enum(["bwrap", "none"]).default("bwrap"),
  /**
   * What an isolated sandbox may reach besides the app: comma-separated hosts, *.domain wildcards, host:port (443
   * when no port is given), through an HTTPS proxy (HTTPS_PROXY inside). Empty: nothing. Internal addresses only
   * through an entry with an explicit port. Example: registry.npmjs.org,pypi.org,files.pythonhosted.org
   */
  SANDBOX_EGRESS_ALLOW: z.string().default(""),
  /** First uid of the range local sandboxes run as when the server runs as root (60,000 uids from here). */
  SANDBOX_UID_BASE: z.coerce.number().int().min(1000).max(4_000_000_000).default(200_000),
  /** Per-process memory (data segment) of everything in a sandbox, MiB. */
  SANDBOX_MEMORY_MB: z.coerce.number().int().min(256).default(4096),
  /** Processes a sandbox may have at once (when it has a uid of its own, i.e. the server runs as root). */
  SANDBOX_MAX_PROCESSES: z.coerce.number().int().min(16).default(512),
  /** Largest file a sandbox may write, MiB. */
  SANDBOX_MAX_FILE_MB: z.coerce.number().int().min(1).default(1024),
  /** Size of a sandbox's private /tmp (memory-backed), MiB. */
  SANDBOX_TMP_MB: z.coerce.number().int().min(16).default(512),
  /** A local sandbox is killed after this long, whatever it is doing. */
  SANDBOX_WALL_SECONDS: z.coerce.number().int().min(60).default(4 * 3600),
  /** Most local sandboxes running at once on this machine; more wait their turn. */
  LOCAL_SANDBOX_MAX: z.coerce.number().int().min(1).max(64).default(4),
  /** A sandbox silent this long is marked lost (and its spec re-spawned from its checkpoint). */
  SANDBOX_HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().positive().default(60),
  /** How often each sandbox's agent sends a heartbeat. */
  SANDBOX_HEARTBEAT_SECONDS: z.coerce.number().positive().max(60).default(15),
  /** How often the worker's reaper looks for silent sandboxes. */
  SANDBOX_REAPER_SECONDS: z.coerce.number().positive().default(15),
  /** Re-spawns of a spec's lost sandbox before the spec fails. */
  SANDBOX_MAX_RESPAWNS: z.coerce.number().int().min(0).max(20).default(3),
  /** Model the agents use. */
  AGENT_MODEL: z.string().min(1).default("claude-sonnet-4-5"),
  /** Token for cloning private GitHub repositories (and, later, pushing branches and opening pull requests). */
  GITHUB_TOKEN: z.string().min(1).optional(),
  /**
   * Comma-separated GitHub owners (users or organizations) whose https://github.com/<owner>/… repositories get
   * GITHUB_TOKEN. Empty: the token is never used — any tenant can name any repository, and the server's token must
   * not read or push another owner's code for them.
   */
  GITHUB_ALLOWED_OWNERS: z.string().default(""),
  /**
   * Comma-separated folders under which any user may use a local path as a project's repository (compared after
   * resolving symlinks). Empty: only instance admins use local paths; everyone else gives https URLs.
   */
  LOCAL_REPO_ROOTS: z.string().default(""),
  /** GitHub's REST API (GitHub Enterprise: https://<host>/api/v3; tests: a loopback fake). */
  GITHUB_API_URL: z.string().url().default("https://api.github.com"),
  DAYTONA_API_KEY: z.string().min(1).optional(),
  DAYTONA_API_URL: z.string().url().optional(),
  DAYTONA_TARGET: z.string().min(1).optional(),
  /** Snapshot to create sandboxes from (it must have Node.js ≥ 20 and git); or DAYTONA_IMAGE. */
  DAYTONA_SNAPSHOT: z.string().min(1).optional(),
  DAYTONA_IMAGE: z.string().min(1).optional(),
  DAYTONA_CPU: z.coerce.number().int().positive().optional(),
  DAYTONA_MEMORY_GB: z.coerce.number().int().positive().optional(),
  DAYTONA_DISK_GB: z.coerce.number().int().positive().optional(),
  /** Daytona stops a sandbox idle this long (a safety net; the worker deletes finished ones itself). */
  DAYTONA_AUTO_STOP_MINUTES: z.coerce.number().int().min(0).default(30),
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
