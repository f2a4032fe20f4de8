import { json } from "@/lib/http/respond";
import { parseJsonBody } from "@/lib/http/parse";
import { withAuth } from "@/lib/routes/with-auth";
import { assertSignedIn } from "@/lib/routes/assert-signed-in";
import { changePassword } from "@/lib/auth/change-password";
import { clientAddressOf } from "@/lib/http/client-address-of";
import { changePasswordSchema } from "@/lib/users/user-schemas";

// PUT /api/v1/me/password – change the password (the current one required); every session signed in before ends.
export const PUT = withAuth(async (req, { caller }) => {
  assertSignedIn(caller);
  const input = await parseJsonBody(req, changePasswordSchema);
  return json(await changePassword({ userId: caller.user.id, input, clientAddress: clientAddressOf(req.headers) }));
});
