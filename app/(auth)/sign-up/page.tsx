import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { readPageSession } from "@/app/read-page-session";
import { getEnv } from "@/lib/env";
import { AuthCard } from "@/components/auth/auth-card";
import { safeCallbackPath } from "@/components/auth/callback-url";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create account" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl: rawCallbackUrl } = await searchParams;
  const callbackUrl = safeCallbackPath(Array.isArray(rawCallbackUrl) ? rawCallbackUrl[0] : rawCallbackUrl);
  if (await readPageSession()) redirect(callbackUrl);

  return (
    <AuthCard
      title="Create your account"
      subtitle={
        getEnv().SIGNUP === "open"
          ? "Each account gets a personal workspace for its projects."
          : "Each account gets a personal workspace. On this server, new people join through an invitation link."
      }
      footer={
        <>
          Already have an account?{" "}
          <Link href="/sign-in" className="font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
