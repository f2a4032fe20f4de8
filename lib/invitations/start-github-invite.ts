import { db } from "@/lib/db/client";
import { isGithubAuthEnabled } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { assertOpen } from "@/lib/invitations/accept-invitation";
import { githubInviteCookie } from "@/lib/invitations/github-invite-intent";
import { hashInvitationToken } from "@/lib/invitations/hash-invitation-token";
import { githubInviteIntentSchema, type GithubInviteIntentInput } from "@/lib/invitations/invitation-schemas";

/**
 * "Join with GitHub" on an invitation page, for someone without an account: checks the link is open and its email
 * has no account yet, then hands back the cookie that makes this browser's next GitHub sign-in (ten minutes) create
 * the account with the invited email and accept the invitation (lib/invitations/accept-invitation-with-github.ts).
 */
export async function startGithubInvite(input: GithubInviteIntentInput): Promise<{ setCookie: string }> {
  if (!isGithubAuthEnabled()) throw new AppError("conflict", "GitHub sign-in is not configured on this server");
  const { token } = githubInviteIntentSchema.parse(input);
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) } });
  if (!invitation) throw new AppError("not_found", "This invitation link is not valid");
  assertOpen(invitation);
  if (await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
    throw new AppError("conflict", "An account with this email already exists: sign in, then open the link again");
  }
  return { setCookie: githubInviteCookie(invitation.id) };
}
