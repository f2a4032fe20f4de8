// No imports: next.config.ts loads this file too (Next transpiles the config and what it requires on its own).

/**
 * The security headers of every response: next.config.ts's headers() adds them to what Next serves, and the
 * responses `npm start` serves natively (the hot routes through lib/http/node-adapter.ts, the model calls through
 * lib/llm/serve-model-call.ts) carry the same ones from here.
 */
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
] as const;

/** The same headers as a plain object with lower-case names, for node's `writeHead`. */
export const SECURITY_HEADER_RECORD: Readonly<Record<string, string>> = Object.fromEntries(
  SECURITY_HEADERS.map(({ key, value }) => [key.toLowerCase(), value]),
);
