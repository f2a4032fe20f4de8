import { AppError } from "@/lib/http/errors";
import { errorResponse, newRequestId } from "@/lib/http/respond";
import { readSession, readSessionUser } from "@/lib/auth/read-session";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { API_KEY_PREFIX, type ApiKeyScope } from "@/lib/api-keys/api-key-schemas";
import { assertWithinRateLimit } from "@/lib/rate-limit/assert-within-rate-limit";
import type { UserDto } from "@/lib/users/user-schemas";

/** Who is asking: a signed-in browser session or an API key (with its scopes). */
export interface Caller {
  user: UserDto;
  via: "session" | "api_key";
  scopes: readonly ApiKeyScope[];
  /** The API key of the request (keys it creates are its children: lib/api-keys/create-api-key.ts). */
  keyId?: string;
}

export interface HandlerContext<P> {
  caller: Caller;
  params: P;
  requestId: string;
}

/** Next 16 passes route params as a Promise. */
interface RouteSegment<P> {
  params: Promise<P>;
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ALL_SCOPES: readonly ApiKeyScope[] = ["read", "write"];

/**
 * Resolves the caller of a request, or throws `unauthorized`/`forbidden` — or `rate_limited` for an API key past its
 * rate (lib/security/assert-within-rate-limit; sessions are not limited here).
 */
export async function resolveCaller(req: Request): Promise<Caller> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const [scheme, credential] = authorization.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== "bearer" || !credential?.startsWith(API_KEY_PREFIX)) {
      throw new AppError("unauthorized", `Authorization must be "Bearer ${API_KEY_PREFIX}…" (an API key)`);
    }
    const { keyId, user, scopes } = await authenticateApiKey(credential);
    await assertWithinRateLimit("api_key", keyId);
    const needed: ApiKeyScope = READ_METHODS.has(req.method) ? "read" : "write";
    if (!scopes.includes(needed)) throw new AppError("forbidden", `This API key lacks the "${needed}" scope`);
    return { user, via: "api_key", scopes, keyId };
  }

  const session = await readSession(req);
  if (!session) throw new AppError("unauthorized", "Sign in or send an API key");
  // Cookies ride along on cross-site requests; a state-changing call must come from our own pages.
  if (!READ_METHODS.has(req.method)) assertSameOrigin(req);
  const user = await readSessionUser(session);
  if (!user) throw new AppError("unauthorized", "Your session has ended; sign in again");
  return { user, via: "session", scopes: ALL_SCOPES };
}

/**
 * The caller of a route open to anonymous people too (accepting an invitation): null without credentials, and for a
 * session cookie that no longer counts (revoked, expired, its user gone) — such a visitor is simply anonymous. An
 * API key must be valid.
 */
export async function resolveOptionalCaller(req: Request): Promise<Caller | null> {
  if (req.headers.get("authorization")) return resolveCaller(req);
  if (!(await readSession(req))) return null;
  try {
    return await resolveCaller(req);
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthorized") return null;
    throw error;
  }
}

function assertSameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  if (!origin) return; // same-origin fetches from older browsers and non-browser clients send none
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "Cross-origin request refused");
  }
  if (host && originHost !== host) throw new AppError("forbidden", "Cross-origin request refused");
}

/**
 * Wraps a route handler: authenticates (session or API key), hands over the awaited params, and maps every error to
 * the API's error body. Handlers stay thin: parse → call one service → respond.
 */
export function withAuth<P = Record<string, never>>(
  handler: (req: Request, context: HandlerContext<P>) => Promise<Response>,
) {
  return async (req: Request, segment: RouteSegment<P>): Promise<Response> => {
    const requestId = newRequestId();
    try {
      const caller = await resolveCaller(req);
      const params = (await segment?.params) ?? ({} as P);
      return await handler(req, { caller, params, requestId });
    } catch (error) {
      return errorResponse(error, requestId, req);
    }
  };
}

/** The same error mapping for the few routes that need no caller (sign-up, health). */
export function withPublic<P = Record<string, never>>(
  handler: (req: Request, context: { params: P; requestId: string }) => Promise<Response>,
) {
  return async (req: Request, segment: RouteSegment<P>): Promise<Response> => {
    const requestId = newRequestId();
    try {
      return await handler(req, { params: (await segment?.params) ?? ({} as P), requestId });
    } catch (error) {
      return errorResponse(error, requestId, req);
    }
  };
}
