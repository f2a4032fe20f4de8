"use client";

import { useMe } from "@/hooks/api/use-organizations";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { SectionCard } from "@/components/ui/card";
import { LoadingBlock } from "@/components/ui/spinner";

export function ProfileSection() {
  const me = useMe();
  return (
    <SectionCard title="Profile" description="How you appear to the people in your organizations.">
      {me.isPending ? (
        <LoadingBlock label="Loading profile…" />
      ) : me.isError ? (
        <ApiErrorAlert error={me.error} />
      ) : (
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-xs font-medium text-zinc-500">Name</dt>
            <dd className="mt-0.5 text-zinc-900">{me.data.user.name}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-zinc-500">Email</dt>
            <dd className="mt-0.5 text-zinc-900">{me.data.user.email}</dd>
          </div>
        </dl>
      )}
    </SectionCard>
  );
}
