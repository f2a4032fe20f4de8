import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { assertOpen, consume } from "@/lib/invitations/accept-invitation";
import { insertUserWithWorkspace } from "@/lib/users/insert-user-with-workspace";
import { GITHUB_SIGN_IN_ERRORS, SIGN_UP_REFUSALS, type UserDto } from "@/lib/users/user-schemas";

export interface AcceptInvitationWithGithubOptions {
  invitationId: string;
  githubId: string;
  name: string;
  image: string | null;
}

const refuse = (code: "conflict" | "forbidden", signInError: string, message: string) => new AppError(code, message, { signInError });

/**
 * A GitHub sign-in that comes back with an invitation's cookie (lib/invitations/start-github-invite.ts): the account
 * is created with the invited email — verified, since the link was made for it, whatever GitHub's addresses are — with
 * this GitHub account attached, and joins the organization with the invited role, in one transaction that consumes
 * the link first (of two uses at once, one gets in). A GitHub account already linked elsewhere is refused.
 */
export async function acceptInvitationWithGithub({ invitationId, githubId, name, image }: AcceptInvitationWithGithubOptions): Promise<UserDto> {
  const invitation = await db.invitation.findUnique({ where: { id: invitationId }, include: { invitedBy: { select: { isInstanceAdmin: true } } } });
  if (!invitation) throw refuse("conflict", GITHUB_SIGN_IN_ERRORS.invitationClosed, "This invitation link is not valid");
  try {
    assertOpen(invitation);
  } catch (error) {
    throw refuse("conflict", GITHUB_SIGN_IN_ERRORS.invitationClosed, (error as Error).message);
  }
  if (await db.user.findUnique({ where: { githubId }, select: { id: true } })) {
    throw refuse("conflict", GITHUB_SIGN_IN_ERRORS.linkedElsewhere, "This GitHub account is already linked to another OmoiOS account");
  }
  if (await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
    throw refuse("conflict", GITHUB_SIGN_IN_ERRORS.accountExists, "An account with this email already exists: sign in, then open the link again");
  }
  if (getEnv().SIGNUP === "closed" && !invitation.invitedBy?.isInstanceAdmin) {
    throw refuse("forbidden", GITHUB_SIGN_IN_ERRORS.signUpClosed, SIGN_UP_REFUSALS.closed);
  }
  return db.$transaction(async (tx) => {
    await consume(tx, invitation.id, null);
    const user = await insertUserWithWorkspace(tx, { email: invitation.email, name, passwordHash: null, githubId, image, isEmailVerified: true });
    await tx.membership.create({ data: { orgId: invitation.orgId, userId: user.id, role: invitation.role } });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedById: user.id } });
    return user;
  });
}
