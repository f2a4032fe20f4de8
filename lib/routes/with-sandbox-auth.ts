import { AppError } from "@/lib/http/errors";
import { errorResponse, newRequestId } from "@/lib/http/respond";
import { authenticateSandboxToken, sandboxTokenFrom, type SandboxCaller } from "@/lib/auth/authenticate-sandbox-token";

interface RouteSegment<P> {
  params: Promise<P>;
}

/**
 * Wraps a sandbox callback route: only a sandbox token is accepted, and when the path names a sandbox
 * (`{id}`) it must be the token's own sandbox — another sandbox's token gets 403.
 */
export function withSandboxAuth<P extends { id?: string } = { id?: string }>(
  handler: (req: Request, context: { sandbox: SandboxCaller; params: P; requestId: string }) => Promise<Response>,
) {
  return async (req: Request, segment: RouteSegment<P>): Promise<Response> => {
    const requestId = newRequestId();
    try {
      const sandbox = await authenticateSandboxToken(sandboxTokenFrom(req.headers));
      const params = (await segment?.params) ?? ({} as P);
      if (params.id !== undefined && params.id !== sandbox.sandboxId) {
        throw new AppError("forbidden", "This token belongs to another sandbox");
      }
      return await handler(req, { sandbox, params, requestId });
    } catch (error) {
      return errorResponse(error, requestId, req);
    }
  };
}
