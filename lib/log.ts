import { scrubString, secretPattern } from "@/lib/scrub-secrets";

/**
 * A small structured logger: one JSON line per entry on stderr. Field values whose key looks secret are replaced,
 * and every string goes through the same scrubber as the agents' events (lib/security/scrub-secrets: token shapes
 * and the server's own secret values), so a careless `log.info("…", { headers })` cannot leak them.
 */
type Level = "debug" | "info" | "warn" | "error";

const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|cookie|credential/i;
const MAX_DEPTH = 6;

export function redact(value: unknown, pattern: RegExp = secretPattern(), depth = 0): unknown {
  if (typeof value === "string") return scrubString(value, pattern);
  if (value === null || typeof value !== "object") return value;
  // Deeper than anything worth a log line: dropped rather than written unscrubbed.
  if (depth > MAX_DEPTH) return "[too deep]";
  if (value instanceof Error) {
    const cause = value.cause === undefined ? {} : { cause: redact(value.cause, pattern, depth + 1) };
    return { name: value.name, message: scrubString(value.message, pattern), stack: value.stack && scrubString(value.stack, pattern), ...cause };
  }
  if (value instanceof Date) return value; // JSON.stringify writes it (an invalid one as null)
  if (Array.isArray(value)) return value.map((item) => redact(item, pattern, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
      scrubString(key, pattern),
      SECRET_KEY.test(key) ? "[redacted]" : redact(inner, pattern, depth + 1),
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
  const pattern = secretPattern();
  const entry = { time: new Date().toISOString(), level, message: scrubString(message, pattern), ...(redact(fields ?? {}, pattern) as object) };
  process.stderr.write(`${JSON.stringify(entry)}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
