import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { ApiKeysSection } from "./api-keys-section";
import { OrganizationsSection } from "./organizations-section";
import { ProfileSection } from "./profile-section";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title="Settings" description="Your profile, API keys and organizations." />
      <ProfileSection />
      <ApiKeysSection />
      <OrganizationsSection />
    </div>
  );
}
