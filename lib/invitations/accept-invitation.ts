import { db, type Prisma } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { hashPassword } from "@/lib/users/password";
import { hashInvitationToken } from "@/lib/invitations/hash-invitation-token";
import { acceptInvitationSchema, type AcceptInvitationInput, type AcceptedInvitationDto } from "@/lib/invitations/invitation-schemas";
import { insertUserWithWorkspace } from "@/lib/users/insert-user-with-workspace";
import { SIGN_UP_REFUSALS } from "@/lib/users/user-schemas";

export interface AcceptInvitationOptions {
  input: AcceptInvitationInput;
  /** The signed-in caller (joins with their account), or null: someone new, whose account the invitation creates. */
  userId: string | null;
}

const NOT_FOUND = "This invitation link is not valid";

/**
 * Uses an invitation link: the organization gets the invited person with the invited role — an existing account
 * (signed in, with the invited email) or a new one created with that email. Either way the email counts as verified:
 * the link was made for it. The link is consumed by one conditional statement first in the transaction, so of two
 * people using it at once exactly one gets in, and a failure later on leaves it unused.
 */
export async function acceptInvitation({ input, userId }: AcceptInvitationOptions): Promise<AcceptedInvitationDto> {
  const { token, name, password } = acceptInvitationSchema.parse(input);
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { org: { select: { id: true, name: true } }, invitedBy: { select: { isInstanceAdmin: true } } },
  });
  if (!invitation) throw new AppError("not_found", NOT_FOUND);
  assertOpen(invitation);
  const result = { organization: invitation.org, role: invitation.role, email: invitation.email };

  if (userId) {
    const user = await db.user.findUnique({
      where: { id: userId },
      select: { email: true, emailVerifiedAt: true, memberships: { where: { orgId: invitation.orgId }, select: { id: true } } },
    });
    if (!user) throw new AppError("unauthorized", "Your session has ended; sign in again");
    if (user.email !== invitation.email) {
      throw new AppError("forbidden", `This invitation is for ${invitation.email}; you are signed in as ${user.email}`);
    }
    if (user.memberships.length) throw new AppError("conflict", `You are already a member of ${invitation.org.name}`);
    await db.$transaction(async (tx) => {
      await consume(tx, invitation.id, userId);
      await tx.membership.create({ data: { orgId: invitation.orgId, userId, role: invitation.role } });
      if (!user.emailVerifiedAt) await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
    });
    return { ...result, isNewAccount: false };
  }

  const fields: Record<string, string[]> = {};
  if (!name) fields.name = ["Enter your name"];
  if (!password) fields.password = ["Choose a password"];
  if (!name || !password) throw new AppError("validation_failed", "Invalid request body", { fields });
  if (getEnv().SIGNUP === "closed" && !invitation.invitedBy?.isInstanceAdmin) {
    throw new AppError("forbidden", SIGN_UP_REFUSALS.closed);
  }
  if (await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
    throw new AppError("conflict", "An account with this email already exists: sign in, then open the link again");
  }
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await consume(tx, invitation.id, null);
    const user = await insertUserWithWorkspace(tx, { email: invitation.email, name, passwordHash, isEmailVerified: true });
    await tx.membership.create({ data: { orgId: invitation.orgId, userId: user.id, role: invitation.role } });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedById: user.id } });
  });
  return { ...result, isNewAccount: true };
}

export function assertOpen(invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }) {
  if (invitation.acceptedAt) throw new AppError("conflict", "This invitation has already been used");
  if (invitation.revokedAt) throw new AppError("conflict", "This invitation was withdrawn; ask for a new link");
  if (invitation.expiresAt <= new Date()) throw new AppError("conflict", "This invitation has expired; ask for a new link");
}

/**
 * Marks the invitation used if it still is open. Concurrent uses queue on the row; after the first commits, the
 * others' condition no longer holds and they are refused (their transactions roll back).
 */
export async function consume(tx: Prisma.TransactionClient, invitationId: string, acceptedById: string | null) {
  const now = new Date();
  const { count } = await tx.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedById },
  });
  if (count === 0) {
    const row = await tx.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    assertOpen(row);
    throw new AppError("conflict", "This invitation has already been used");
  }
}
