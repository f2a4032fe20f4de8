import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { canBecomeInstanceAdmin } from "@/lib/users/can-become-instance-admin";
import { createUser } from "@/lib/users/create-user";
import { SIGN_UP_REFUSALS, signUpSchema, type SignUpInput, type UserDto } from "@/lib/users/user-schemas";

/**
 * A plain sign-up (form or POST /api/v1/auth/sign-up). With SIGNUP=open anyone; otherwise only the account that
 * becomes the instance admin — everyone else joins through an invitation (lib/invitations/accept-invitation.ts).
 */
export async function signUpUser(input: SignUpInput): Promise<UserDto> {
  const data = signUpSchema.parse(input);
  const policy = getEnv().SIGNUP;
  if (policy === "open") return createUser(data);
  const refusal = new AppError("forbidden", SIGN_UP_REFUSALS[policy]);
  // Refused before anything else: no password hashing to pay for, and no "email taken" answer to learn emails from.
  if (!(await canBecomeInstanceAdmin(db, data.email, { lock: false }))) throw refusal;
  return createUser({ ...data, refusalUnlessInstanceAdmin: refusal });
}
