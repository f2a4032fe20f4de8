import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { getEnv, isGithubAuthEnabled } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { getAuthSecret, useSecureCookies } from "@/lib/auth/secret";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { upsertGithubUser } from "@/lib/users/upsert-github-user";
import { signInSchema } from "@/lib/users/user-schemas";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** next-auth configuration: JWT sessions whose `sub` is our user id. Built per call so env changes are seen. */
export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new Error("Enter your email and password");
        try {
          return await authenticatePassword(parsed.data);
        } catch (error) {
          // next-auth passes the message to the client as `error`; ours are written for people.
          if (error instanceof AppError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ];
  if (isGithubAuthEnabled()) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID!, clientSecret: env.GITHUB_SECRET! }));
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
        const github = profile as { id?: number | string; email?: string | null; name?: string | null; login?: string; avatar_url?: string };
        if (!github?.id || !github.email) return "/sign-in?error=GitHubEmailRequired";
        const dbUser = await upsertGithubUser({
          githubId: String(github.id),
          email: github.email.toLowerCase(),
          name: github.name ?? github.login ?? github.email,
          image: github.avatar_url ?? null,
        });
        user.id = dbUser.id; // the jwt callback below stores our id, not GitHub's
        return true;
      },
      async jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
