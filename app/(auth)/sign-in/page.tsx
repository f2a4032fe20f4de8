import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { readPageSession } from "@/app/read-page-session";
import { isGithubAuthEnabled } from "@/lib/env";
import { AuthCard } from "@/components/auth/auth-card";
import { authErrorMessage } from "@/components/auth/auth-error-message";
import { safeCallbackPath } from "@/components/auth/callback-url";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  if (await readPageSession()) redirect(callbackUrl);

  const signUpHref = callbackUrl === "/projects" ? "/sign-up" : `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <AuthCard
      title="Sign in"
      subtitle="Spec-driven development with coding agents."
      footer={
        <>
          New to OmoiOS?{" "}
          <Link href={signUpHref} className="font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600">
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm callbackUrl={callbackUrl} initialError={authErrorMessage(first(params.error))} githubEnabled={isGithubAuthEnabled()} />
    </AuthCard>
  );
}
