import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { assertSignedIn } from "@/lib/routes/assert-signed-in";
import { createGithubLinkIntent } from "@/lib/auth/create-github-link-intent";
import { unlinkGithub } from "@/lib/auth/unlink-github";

// POST /api/v1/me/github-link – start linking GitHub to this account: the next GitHub sign-in of this browser (within
// ten minutes) attaches to it. The client then starts that sign-in.
export const POST = withAuth(async (_req, { caller }) => {
  assertSignedIn(caller);
  const { setCookie } = createGithubLinkIntent({ userId: caller.user.id });
  return json({ provider: "github" }, 200, { "set-cookie": setCookie });
});

// DELETE /api/v1/me/github-link – GitHub sign-in stops reaching this account (409 while it is the only way in).
export const DELETE = withAuth(async (_req, { caller }) => {
  assertSignedIn(caller);
  return json(await unlinkGithub({ userId: caller.user.id }));
});
