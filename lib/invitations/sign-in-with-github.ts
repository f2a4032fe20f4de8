import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError, type ErrorCode } from "@/lib/http/errors";
import { verifiedPrimaryEmail, type GithubEmail } from "@/lib/auth/github-profile-schemas";
import { acceptInvitationWithGithub } from "@/lib/invitations/accept-invitation-with-github";
import { createUser } from "@/lib/users/create-user";
import { GITHUB_SIGN_IN_ERRORS, SIGN_UP_REFUSALS, type GithubSignInError, type UserDto } from "@/lib/users/user-schemas";

export interface SignInWithGithubOptions {
  githubId: string;
  name: string;
  image: string | null;
  /** Every address of the person, as GitHub's /user/emails reports them. */
  emails: readonly GithubEmail[];
  /** The signed-in user who asked, from their settings, to link GitHub (lib/auth/read-github-link-intent.ts). */
  linkUserId?: string | null;
  /** The invitation this browser chose to accept with GitHub (lib/invitations/github-invite-intent.ts). */
  invitationId?: string | null;
}

const select = { id: true, email: true, name: true, image: true } as const;

/** A refusal the sign-in page words for people (`?error=<signInError>`). */
const refuse = (code: ErrorCode, signInError: GithubSignInError, message: string) => new AppError(code, message, { signInError });

/**
 * Who a GitHub sign-in is. An account already linked to this GitHub id; or, linking from settings, the signed-in
 * user; or an existing account with the same email — only when GitHub reports that email verified and primary and
 * the account's own email is verified (else whoever signed up first with someone's email would receive their GitHub
 * sign-in); otherwise a new account, as SIGNUP allows. Two accounts never share an email: a GitHub sign-in whose
 * email belongs to an account it may not attach to is refused, and the person links GitHub from that account.
 */
export async function signInWithGithub(options: SignInWithGithubOptions): Promise<UserDto> {
  const { githubId } = options;
  const email = verifiedPrimaryEmail(options.emails);
  if (options.linkUserId) return linkToSignedInUser(options.linkUserId, githubId, options.emails);

  const linked = await db.user.findUnique({ where: { githubId }, select });
  if (linked) return linked;
  // Someone new joining through an invitation link: the account gets the invited email, whatever GitHub's are.
  if (options.invitationId) {
    return acceptInvitationWithGithub({ invitationId: options.invitationId, githubId, name: options.name, image: options.image });
  }
  if (!email) {
    throw refuse("forbidden", GITHUB_SIGN_IN_ERRORS.emailRequired, "Your GitHub account has no verified primary email address");
  }

  const existing = await db.user.findUnique({
    where: { email },
    select: { ...select, githubId: true, emailVerifiedAt: true, isInstanceAdmin: true, githubUnlinkedAt: true },
  });
  if (existing) {
    const isVerified = existing.emailVerifiedAt !== null || (existing.isInstanceAdmin && existing.email === getEnv().OMOIOS_ADMIN_EMAIL);
    // Someone who unlinked GitHub said GitHub is not to reach this account: only linking from settings attaches it again.
    const attached = isVerified && existing.githubId === null && existing.githubUnlinkedAt === null
      ? await db.user.updateMany({ where: { id: existing.id, githubId: null }, data: { githubId } })
      : { count: 0 };
    if (attached.count === 0) {
      throw refuse("conflict", GITHUB_SIGN_IN_ERRORS.accountExists, "An account with this email already exists: sign in with its password, then link GitHub from Settings");
    }
    return { id: existing.id, email: existing.email, name: existing.name, image: existing.image };
  }

  const policy = getEnv().SIGNUP;
  const refusal = policy === "open"
    ? undefined
    : refuse("forbidden", policy === "invite" ? GITHUB_SIGN_IN_ERRORS.signUpByInvitation : GITHUB_SIGN_IN_ERRORS.signUpClosed, SIGN_UP_REFUSALS[policy]);
  // GitHub verified this address, so the new account's email counts as verified.
  return createUser({ email, name: options.name, githubId, image: options.image, isEmailVerified: true, refusalUnlessInstanceAdmin: refusal });
}

/** Linking from settings: the person proved both sides (their session here, their GitHub sign-in there). */
async function linkToSignedInUser(userId: string, githubId: string, emails: readonly GithubEmail[]): Promise<UserDto> {
  const holder = await db.user.findUnique({ where: { githubId }, select: { id: true } });
  if (holder && holder.id !== userId) {
    throw refuse("conflict", GITHUB_SIGN_IN_ERRORS.linkedElsewhere, "This GitHub account is already linked to another OmoiOS account");
  }
  const user = await db.user.update({ where: { id: userId }, data: { githubId, githubUnlinkedAt: null }, select: { ...select, emailVerifiedAt: true } });
  // GitHub vouching for the account's own address verifies it too.
  const isVouched = emails.some((entry) => entry.verified && entry.email.trim().toLowerCase() === user.email);
  if (isVouched && !user.emailVerifiedAt) await db.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, image: user.image };
}
