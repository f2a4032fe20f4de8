import { getEnv, type Env } from "@/lib/env";

/** What a secret is replaced with. */
export const REDACTED = "[redacted]";

/**
 * Secret-shaped strings, wherever they appear in a text: our API keys and sandbox tokens, Anthropic keys, GitHub
 * tokens (classic and fine-grained), the token after `Bearer `, and the password of a URL (`scheme://user:pw@host`).
 * The last two keep what precedes the secret (groups 1 and 2, put back by the replacement) so the text around it
 * stays readable. Forward matches only: lookbehinds would make every position of every string cost more.
 */
const TOKEN_SHAPES = [
  String.raw`\bomoi_[A-Za-z0-9_-]{20,}`,
  String.raw`\bomoisbx_[A-Za-z0-9_-]{20,}`,
  String.raw`\bsk-ant-[A-Za-z0-9_-]{8,}`,
  String.raw`\bgh[pousr]_[A-Za-z0-9]{20,}`,
  String.raw`\bgithub_pat_[A-Za-z0-9_]{20,}`,
  String.raw`\b((?:[Bb]earer|BEARER)\s+)[A-Za-z0-9._~+/=-]{16,}`,
  String.raw`(:\/\/[^\s:/@]*:)[^\s/@]+(?=@)`,
];
/** Each match becomes this; `$1$2` are the kept prefixes of the Bearer and URL shapes (empty for the others). */
const REPLACEMENT = `$1$2${REDACTED}`;

/** Shorter values are not looked for: they would redact ordinary words. */
const MIN_KNOWN_SECRET_LENGTH = 8;

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The server's own secret values: whatever shape they have, they never leave in a log line or a stored event. */
export function serverSecretValues(env: Env): string[] {
  const values = [env.ANTHROPIC_API_KEY, env.NEXTAUTH_SECRET, env.GITHUB_TOKEN, env.GITHUB_SECRET, env.DAYTONA_API_KEY];
  if (env.DATABASE_URL) {
    // As written in the URL (percent-encoded) and as a person or a driver error would print it.
    const password = URL.canParse(env.DATABASE_URL) ? new URL(env.DATABASE_URL).password : "";
    values.push(password);
    try {
      values.push(decodeURIComponent(password));
    } catch {
      // a malformed escape: the raw form is all there is
    }
  }
  return values.filter((value): value is string => typeof value === "string" && value.length >= MIN_KNOWN_SECRET_LENGTH);
}

/**
 * One regular expression for everything: the known values first (longest first, so a value that contains another
 * is removed whole), then the shapes. Replacing with it is a single pass over a string.
 */
export function buildSecretPattern(knownValues: readonly string[]): RegExp {
  const known = [...new Set(knownValues)].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp([...known, ...TOKEN_SHAPES].join("|"), "g");
}

const SHAPES_ONLY = buildSecretPattern([]);
let cached: { env: Env; pattern: RegExp } | undefined;

/** The pattern for the current environment, built once per parse of it (lib/env caches the parse). */
export function secretPattern(): RegExp {
  let env: Env;
  try {
    env = getEnv();
  } catch {
    return SHAPES_ONLY; // an invalid environment must not stop a log line from being written
  }
  if (cached?.env !== env) cached = { env, pattern: buildSecretPattern(serverSecretValues(env)) };
  return cached.pattern;
}

/** A string with every secret in it replaced by `[redacted]`. */
export function scrubString(text: string, pattern: RegExp = secretPattern()): string {
  return text.replace(pattern, REPLACEMENT);
}

/**
 * A copy of a JSON-like value with every string (object keys included) scrubbed. Used on what agents report, which
 * can hold anything they saw, before it is stored, and by the logger. Deeper than `maxDepth`, a value is dropped.
 */
export function scrubSecrets<T>(value: T, maxDepth = 32): T {
  return scrub(value, secretPattern(), maxDepth) as T;
}

function scrub(value: unknown, pattern: RegExp, depth: number): unknown {
  if (typeof value === "string") return value.replace(pattern, REPLACEMENT);
  if (value === null || typeof value !== "object") return value;
  if (depth <= 0) return "[too deep]";
  if (Array.isArray(value)) return value.map((item) => scrub(item, pattern, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key.replace(pattern, REPLACEMENT)] = scrub(inner, pattern, depth - 1);
  return out;
}
