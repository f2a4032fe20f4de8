import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { getEnv, isGithubAuthEnabled } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { clientAddressOf } from "@/lib/http/client-address-of";
import { noteSignInThrottled } from "@/lib/auth/sign-in-outcome";
import { getAuthSecret, useSecureCookies } from "@/lib/auth/secret";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { assertSessionCurrent } from "@/lib/auth/assert-session-current";
import { fetchGithubProfile } from "@/lib/auth/fetch-github-profile";
import { verifiedPrimaryEmail, type GithubProfile } from "@/lib/auth/github-profile-schemas";
import { sessionIssuedAtMs } from "@/lib/auth/session-issued-at";
import { signInWithGithub } from "@/lib/invitations/sign-in-with-github";
import { signInSchema } from "@/lib/users/user-schemas";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface AuthOptionsContext {
  /**
   * The signed-in user who asked to link GitHub from settings (lib/auth/read-github-link-intent.ts): a GitHub callback
   * then attaches to them instead of signing someone in.
   */
  linkUserId?: string | null;
  /** An invitation this browser chose to accept with GitHub (lib/invitations/github-invite-intent.ts). */
  invitationId?: string | null;
}

/** next-auth configuration: JWT sessions whose `sub` is our user id. Built per call so env changes are seen. */
export function getAuthOptions(context: AuthOptionsContext = {}): NextAuthOptions {
  const env = getEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new Error("Enter your email and password");
        // `npm start` sets X-Forwarded-For to the address it vouches for (lib/http/resolve-client-address.ts).
        const clientAddress = clientAddressOf(req?.headers as Record<string, string | string[] | undefined> | undefined);
        try {
          return await authenticatePassword({ ...parsed.data, clientAddress });
        } catch (error) {
          // The route answers a throttled attempt with 429 and Retry-After (lib/auth/sign-in-outcome.ts).
          if (error instanceof AppError && error.code === "rate_limited") noteSignInThrottled(error.retryAfterSeconds ?? 60);
          // next-auth passes the message to the client as `error`; ours are written for people.
          if (error instanceof AppError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ];
  if (isGithubAuthEnabled()) {
    const oauthUrl = env.GITHUB_OAUTH_URL.replace(/\/+$/, "");
    providers.push(
      GitHubProvider({
        clientId: env.GITHUB_ID!,
        clientSecret: env.GITHUB_SECRET!,
        // GitHub Enterprise, or the tests' loopback fake; github.com by default.
        authorization: { url: `${oauthUrl}/login/oauth/authorize`, params: { scope: "read:user user:email" } },
        token: `${oauthUrl}/login/oauth/access_token`,
        userinfo: {
          url: `${env.GITHUB_API_URL.replace(/\/+$/, "")}/user`,
          // The provider's own request keeps only one address and never looks at `verified`; ours keeps them all.
          request: ({ tokens }) => fetchGithubProfile({ accessToken: tokens.access_token! }) as never,
        },
        profile: (raw) => {
          const profile = raw as unknown as GithubProfile; // what our userinfo request above returned
          return { id: profile.id, name: profile.name ?? profile.login, email: verifiedPrimaryEmail(profile.emails), image: profile.avatar_url ?? null };
        },
      }),
    );
  }

  return {
    secret: getAuthSecret(),
    useSecureCookies: useSecureCookies(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== "github") return true;
        const github = profile as unknown as GithubProfile;
        try {
          const dbUser = await signInWithGithub({
            githubId: github.id,
            name: github.name ?? github.login,
            image: github.avatar_url ?? null,
            emails: github.emails,
            linkUserId: context.linkUserId,
            invitationId: context.invitationId,
          });
          // The jwt callback below stores our id (not GitHub's), and the token shows the account's own email.
          Object.assign(user, { id: dbUser.id, email: dbUser.email, name: dbUser.name, image: dbUser.image });
          return context.linkUserId ? "/settings?github=linked" : true;
        } catch (error) {
          const code = error instanceof AppError ? (error.details as { signInError?: string } | undefined)?.signInError : undefined;
          // Linking from settings goes back there (the sign-in page would only redirect a signed-in person away).
          if (code) return context.linkUserId ? `/settings?githubError=${code}` : `/sign-in?error=${code}`;
          throw error;
        }
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          // When this sign-in happened, to the millisecond: "sign out everywhere" ends the sessions signed in before.
          token.authAt = Date.now();
          return token;
        }
        // Every read of a session (pages, /api/auth/session) refuses a revoked one; next-auth then clears the cookie.
        if (token.sub) await assertSessionCurrent({ userId: token.sub, issuedAtMs: sessionIssuedAtMs(token) });
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
