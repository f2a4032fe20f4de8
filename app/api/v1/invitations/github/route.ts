import { json } from "@/lib/http/respond";
import { parseJsonBody } from "@/lib/http/parse";
import { withPublic } from "@/lib/routes/with-auth";
import { githubInviteIntentSchema } from "@/lib/invitations/invitation-schemas";
import { startGithubInvite } from "@/lib/invitations/start-github-invite";

// POST /api/v1/invitations/github {token} – "Join with GitHub": for ten minutes, this browser's GitHub sign-in creates
// the invited account and accepts the invitation. Public: the link's token is the credential.
export const POST = withPublic(async (req) => {
  const input = await parseJsonBody(req, githubInviteIntentSchema);
  const { setCookie } = await startGithubInvite(input);
  return json({ provider: "github" }, 200, { "set-cookie": setCookie });
});
