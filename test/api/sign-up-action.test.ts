import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpAction } from "@/app/(auth)/sign-up/actions";
import { POST as signUpRoute } from "@/app/api/v1/auth/sign-up/route";
import { reloadEnv } from "@/lib/env";
import { callRoute } from "@/test/call-route";
import { createTestUser, uniqueSuffix } from "@/test/factories";

// The server action and the REST route call the same service and answer with the same errors (with open sign-up;
// the refusals of SIGNUP=invite|closed are in test/api/invitations.test.ts).
describe("sign-up server action", () => {
  beforeAll(() => {
    process.env.SIGNUP = "open";
    reloadEnv();
  });
  afterAll(() => {
    delete process.env.SIGNUP;
    reloadEnv();
  });

  it("creates the user", async () => {
    const result = await signUpAction({ name: "Action", email: `action-${uniqueSuffix()}@example.test`, password: "long-enough" });
    expect(result).toMatchObject({ ok: true, data: { name: "Action" } });
  });

  it("returns the route's 422 field errors for invalid input", async () => {
    const input = { name: "", email: "nope", password: "x" };
    const [action, route] = [await signUpAction(input), await callRoute(signUpRoute, { method: "POST", body: input })];
    expect(action.ok).toBe(false);
    if (action.ok) return;
    expect(action.status).toBe(route.status);
    expect(action.error.code).toBe(route.body.error.code);
    expect(action.error.details).toEqual(route.body.error.details);
  });

  it("returns the route's 409 for a taken email", async () => {
    const user = await createTestUser();
    const result = await signUpAction({ name: "Again", email: user.email, password: "long-enough" });
    expect(result).toMatchObject({ ok: false, status: 409, error: { code: "conflict", details: { fields: { email: expect.any(Array) } } } });
  });
});
