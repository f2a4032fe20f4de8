import type { Metadata } from "next";
import Link from "next/link";
import { readPageSession } from "@/app/read-page-session";
import { AuthCard } from "@/components/auth/auth-card";
import { isGithubAuthEnabled } from "@/lib/env";
import { getInvitationPreview } from "@/lib/invitations/get-invitation-preview";
import type { InvitationPreviewDto } from "@/lib/invitations/invitation-schemas";
import { AcceptInvitationForm } from "./accept-invitation-form";
import { SignOutToAccept } from "./sign-out-to-accept";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const CLOSED: Record<Exclude<InvitationPreviewDto["status"], "pending">, string> = {
  accepted: "This invitation has already been used.",
  revoked: "This invitation was withdrawn.",
  expired: "This invitation has expired.",
};

const linkClasses = "font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600";

// The page an invitation link opens: who invites whom to what, then join (signed in as the invited email) or create
// the account (anyone else needs the invited email's account, or a new one).
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [preview, session] = await Promise.all([getInvitationPreview({ token }), readPageSession()]);
  if (!preview) {
    return (
      <AuthCard title="Invitation not found" footer={<Link href="/sign-in" className={linkClasses}>Sign in</Link>}>
        <p className="text-sm text-zinc-700">This invitation link is not valid. Ask the person who sent it for a new one.</p>
      </AuthCard>
    );
  }
  const title = `Join ${preview.orgName}`;
  const subtitle = `${preview.invitedByName ?? "An admin"} invited ${preview.email} as ${preview.role}.`;
  if (preview.status !== "pending") {
    return (
      <AuthCard title={title} subtitle={subtitle} footer={<Link href="/sign-in" className={linkClasses}>Sign in</Link>}>
        <p className="text-sm text-zinc-700">{CLOSED[preview.status]} Ask for a new link.</p>
      </AuthCard>
    );
  }

  const signedInEmail = session?.user.email ?? null;
  const callbackUrl = `/invite/${encodeURIComponent(token)}`;
  if (signedInEmail && signedInEmail !== preview.email) {
    return (
      <AuthCard title={title} subtitle={subtitle}>
        <SignOutToAccept invitedEmail={preview.email} signedInEmail={signedInEmail} callbackUrl={callbackUrl} />
      </AuthCard>
    );
  }
  if (!signedInEmail && preview.hasAccount) {
    return (
      <AuthCard title={title} subtitle={subtitle}>
        <p className="text-sm text-zinc-700">
          {preview.email} already has an account.{" "}
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`} className={linkClasses}>
            Sign in to accept
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={title} subtitle={subtitle}>
      <AcceptInvitationForm
        token={token}
        email={preview.email}
        orgName={preview.orgName}
        mode={signedInEmail ? "join" : "create"}
        githubEnabled={isGithubAuthEnabled()}
      />
    </AuthCard>
  );
}
