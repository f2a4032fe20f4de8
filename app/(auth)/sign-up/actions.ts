"use server";

import { runAction } from "@/lib/http/run-action";
import { signUpUser } from "@/lib/users/sign-up-user";
import { signUpSchema } from "@/lib/users/user-schemas";

// Server action behind the sign-up form: the same service and the same errors as POST /api/v1/auth/sign-up.
export async function signUpAction(input: unknown) {
  return runAction("sign-up", async () => signUpUser(signUpSchema.parse(input)));
}
