import { json } from "@/lib/http/respond";
import { parseJsonBody } from "@/lib/http/parse";
import { withPublic } from "@/lib/http/with-auth";
import { createUser } from "@/lib/users/create-user";
import { signUpSchema } from "@/lib/users/user-schemas";

// POST /api/v1/auth/sign-up – create an account with a personal organization; the client then signs in.
export const POST = withPublic(async (req) => {
  const input = await parseJsonBody(req, signUpSchema);
  return json({ user: await createUser(input) }, 201);
});
