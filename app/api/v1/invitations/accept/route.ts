import { json } from "@/lib/http/respond";
import { parseJsonBody } from "@/lib/http/parse";
import { resolveOptionalCaller, withPublic } from "@/lib/routes/with-auth";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { acceptInvitationSchema } from "@/lib/invitations/invitation-schemas";

// POST /api/v1/invitations/accept – use an invitation link: signed in, join with your account; otherwise create the
// account (name and password; the email is the invitation's). Public: the link's token is the credential.
export const POST = withPublic(async (req) => {
  const input = await parseJsonBody(req, acceptInvitationSchema);
  const caller = await resolveOptionalCaller(req);
  return json(await acceptInvitation({ input, userId: caller?.user.id ?? null }), 201);
});
