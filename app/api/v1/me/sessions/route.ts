import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { assertSignedIn } from "@/lib/routes/assert-signed-in";
import { revokeSessions } from "@/lib/auth/revoke-sessions";

// DELETE /api/v1/me/sessions – sign out everywhere: every session signed in until now ends (this one too).
export const DELETE = withAuth(async (_req, { caller }) => {
  assertSignedIn(caller);
  return json(await revokeSessions({ userId: caller.user.id }));
});
