import { json } from "@/lib/http/respond";
import { parseJsonBody } from "@/lib/http/parse";
import { withPublic } from "@/lib/routes/with-auth";
import { signUpUser } from "@/lib/users/sign-up-user";
import { signUpSchema } from "@/lib/users/user-schemas";

// POST /api/v1/auth/sign-up – create an account with a personal organization (SIGNUP decides who may); the client
// then signs in.
export const POST = withPublic(async (req) => {
  const input = await parseJsonBody(req, signUpSchema);
  return json({ user: await signUpUser(input) }, 201);
});
