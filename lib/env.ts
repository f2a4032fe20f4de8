import { z } from "zod";
import { DEFAULT_AGENT_MODEL } from "@/lib/core/model-catalog";

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
  /**
   * Where GitHub's OAuth pages live (authorize, access_token): github.com, a GitHub Enterprise host, or — in tests — a
   * loopback fake. GitHub's REST API for the signed-in person (/user, /user/emails) is GITHUB_API_URL.
   */
  GITHUB_OAUTH_URL: z.string().url().default("https://github.com"),
  /**
   * Who may create an account: `open` (anyone), `invite` (through an invitation link of an organization's owner or
   * admin, or of an instance admin), `closed` (only through an instance admin's invitation). The first account of an
   * instance can always be created (it becomes the instance admin).
   */
  SIGNUP: z.enum(["open", "invite", "closed"]).default("invite"),
  /**
   * The instance admin's email. Set, only this email can create the first account (nobody else can take a fresh
   * server by signing up first), and that account's email counts as verified.
   */
  OMOIOS_ADMIN_EMAIL: z.string().trim().toLowerCase().email().optional(),
  /** Largest accepted JSON request body in bytes (413 past it). */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /**
   * Failed sign-ins for one email from one client address before that pair is locked for AUTH_LOCK_MINUTES (counted
   * before the password is checked, in PostgreSQL: lib/auth/sign-in-throttle.ts).
   */
  AUTH_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** Length of a sign-in lock, and of the window in which failures are counted. */
  AUTH_LOCK_MINUTES: z.coerce.number().positive().default(15),
  /** The server's Anthropic key. Only the LLM proxy uses it; it never enters a sandbox. */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** Where the LLM proxy forwards model calls (tests point it at a loopback fake). */
  ANTHROPIC_BASE_URL: z.string().url().default("https://api.anthropic.com"),
  /**
   * What the endpoint at ANTHROPIC_BASE_URL is. `anthropic`: the real API; requests go through byte for byte.
   * `compatible`: an Anthropic-compatible server (Ollama, llama.cpp, LiteLLM, vLLM) that commonly rejects prompt
   * caching and betas, so the proxy strips `cache_control` and `anthropic-beta`, and answers count_tokens with an
   * estimate when the endpoint has none.
   */
  LLM_ENDPOINT_PROFILE: z.enum(["anthropic", "compatible"]).default("anthropic"),
  /** Largest model request the proxy accepts (conversations grow large). */
  LLM_PROXY_MAX_BODY_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
  /**
   * Comma-separated model ids the proxy forwards (AGENT_MODEL always is). Empty: the price table's models that
   * Anthropic has not deprecated (lib/agent/model-catalog). Any other model is refused with 403 model_not_allowed.
   */
  LLM_ALLOWED_MODELS: z.string().default(""),
  /** Largest max_tokens the proxy forwards; a request above it is refused (422), never rewritten. The agent asks 32,000. */
  LLM_MAX_TOKENS: z.coerce.number().int().min(1).default(32_000),
  /** Comma-separated anthropic-beta values the proxy forwards; any other is refused (403). Empty: none (the agent uses none). */
  LLM_ALLOWED_BETAS: z.string().default(""),
  /** count_tokens calls one sandbox may make per minute (counted in the database; 0 = no limit). */
  LLM_COUNT_TOKENS_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  /** Budget of a spec whose project sets none, USD (0 = none). Past it, model calls answer 402 budget_exceeded. */
  SPEC_BUDGET_USD: z.coerce.number().min(0).default(5),
  /** Budget of a task (one ticket's execution) whose project sets none, USD (0 = none). */
  TASK_BUDGET_USD: z.coerce.number().min(0).default(5),
  /**
   * Input + output tokens a task (or spec) may spend on models the price table does not know (0 = no limit). Their
   * calls cost $0 in the books, so without this the USD budgets would never stop them.
   */
  LLM_UNPRICED_MAX_TOKENS_PER_TASK: z.coerce.number().int().min(0).default(2_000_000),
  /** What one organization's agents may spend per UTC day, all projects together, USD (0 = no cap). */
  ORG_DAILY_BUDGET_USD: z.coerce.number().min(0).default(50),
  /** scrypt cost (N); lowered only by the test harness to keep suites fast. */
  PASSWORD_SCRYPT_N: z.coerce.number().int().min(1024).default(32768),
  /**
   * Requests per minute one API key may make, all web processes together (counted in PostgreSQL; 0 = no limit); past
   * it, 429 `rate_limited` with Retry-After. Generous: a CLI or a polling script never comes near it.
   */
  API_KEY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** Requests one API key may make at once: the size of its window, which lasts BURST / PER_MINUTE minutes. */
  API_KEY_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(600),
  /**
   * Requests per minute one sandbox may make — events, context, checkpoints and model calls together, all web
   * processes together (0 = no limit). An agent sends a batch every 0.25–1 s, heartbeats and model calls.
   */
  SANDBOX_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** Requests one sandbox may make at once: the size of its window, which lasts BURST / PER_MINUTE minutes. */
  SANDBOX_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(600),
  /**
   * Failed sign-ins for one email from all addresses together before it is locked for everyone (AUTH_LOCK_MINUTES).
   * Higher than AUTH_MAX_FAILURES on purpose: locking someone out takes this many attempts from several addresses.
   */
  AUTH_EMAIL_MAX_FAILURES: z.coerce.number().int().positive().default(50),
  /** Failed sign-ins from one client address (an IPv6 /64), whatever the emails, per AUTH_LOCK_MINUTES. */
  AUTH_IP_MAX_FAILURES: z.coerce.number().int().positive().default(100),
  /** Failed sign-ins on the whole server per minute, all addresses together (0 = no limit). */
  AUTH_GLOBAL_MAX_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** scrypt computations (password checks and hashes) one web process runs at once; more wait in line. */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Password checks that may wait for a free slot; past it, 503 `service_unavailable` with Retry-After. */
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).default(32),
  /**
   * Reverse proxies in front of the app that append the client's address to X-Forwarded-For (0: none, the socket's
   * address is the client's and any X-Forwarded-For a client sends is replaced). Per-address sign-in throttles use it.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),

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
  /** How often the reaper looks for silent sandboxes: one pass per interval across all workers (a graphile-worker cron task). */
  SANDBOX_REAPER_SECONDS: z.coerce.number().positive().default(15),
  /** Re-spawns of a spec's lost sandbox before the spec fails. */
  SANDBOX_MAX_RESPAWNS: z.coerce.number().int().min(0).max(20).default(3),
  /** Model the agents use (always allowed by the proxy; readiness warns when it is deprecated or unpriced). */
  AGENT_MODEL: z.string().min(1).default(DEFAULT_AGENT_MODEL),
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
  /**
   * Where git reaches repositories named https://github.com/<owner>/<repo> (GitHub Enterprise: https://<host>; tests:
   * a local folder holding <owner>/<repo>.git). The URL stored on the project stays the github.com one.
   */
  GITHUB_GIT_URL: z.string().min(1).default("https://github.com"),
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
