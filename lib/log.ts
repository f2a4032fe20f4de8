/**
 * A small structured logger: one JSON line per entry on stderr. Field values whose key looks secret are replaced,
 * and so is anything shaped like one of our tokens, so a careless `log.info("…", { headers })` cannot leak them.
 */
type Level = "debug" | "info" | "warn" | "error";

const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|cookie|credential/i;
const SECRET_VALUE = /\b(omoi_[A-Za-z0-9_-]{8,}|omoisbx_[A-Za-z0-9_-]{8,}|sk-ant-[A-Za-z0-9_-]{8,})/g;

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(SECRET_VALUE, "[redacted]");
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { name: value.name, message: redact(value.message), stack: redact(value.stack) };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
      key,
      SECRET_KEY.test(key) ? "[redacted]" : redact(inner, depth + 1),
    ]),
  );
}

const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** The least severe level written: OMOIOS_LOG_LEVEL (default info), or debug with OMOIOS_DEBUG. */
function threshold(): number {
  if (process.env.OMOIOS_DEBUG) return RANK.debug;
  return RANK[process.env.OMOIOS_LOG_LEVEL as Level] ?? RANK.info;
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (RANK[level] < threshold()) return;
  const entry = { time: new Date().toISOString(), level, message: redact(message), ...(redact(fields ?? {}) as object) };
  process.stderr.write(`${JSON.stringify(entry)}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
