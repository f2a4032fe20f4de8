import type { Metadata } from "next";
import { readPageSession } from "@/app/read-page-session";
import { authErrorMessage } from "@/components/auth/auth-error-message";
import { PageHeader } from "@/components/shell/page-header";
import { isGithubAuthEnabled } from "@/lib/env";
import { getAccountSecurity } from "@/lib/users/get-account-security";
import { ApiKeysSection } from "./api-keys-section";
import { OrganizationsSection } from "./organizations-section";
import { ProfileSection } from "./profile-section";
import { SecuritySection } from "./security-section";

export const metadata: Metadata = { title: "Settings" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SettingsPage({ searchParams }: { searchParams: SearchParams }) {
  const session = await readPageSession();
  const security = session ? await getAccountSecurity({ userId: session.user.id }) : null;
  const params = await searchParams;
  const githubError = authErrorMessage(first(params.githubError));
  const githubNotice = githubError
    ? { tone: "error" as const, text: githubError }
    : first(params.github) === "linked" && security?.isGithubLinked
      ? { tone: "success" as const, text: "GitHub is linked: you can sign in with it." }
      : null;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title="Settings" description="Your profile, sign-in, API keys and organizations." />
      <ProfileSection />
      {security && session ? (
        <SecuritySection email={session.user.email} security={security} isGithubEnabled={isGithubAuthEnabled()} githubNotice={githubNotice} />
      ) : null}
      <ApiKeysSection />
      <OrganizationsSection />
    </div>
  );
}
