"use client";

import { useState } from "react";
import { useOrganizations } from "@/hooks/api/use-organizations";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Badge } from "@/components/ui/badge";
import { SectionCard } from "@/components/ui/card";
import { LoadingBlock } from "@/components/ui/spinner";
import { CreateOrganizationForm } from "./create-organization-form";
import { OrgMembers } from "./org-members";
import { ROLE_LABELS } from "./role-labels";

export function OrganizationsSection() {
  const organizations = useOrganizations();
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const orgs = organizations.data ?? [];
  const selected = orgs.find((org) => org.id === selectedId) ?? orgs[0];

  return (
    <SectionCard title="Organizations" description="Projects belong to organizations; members see and work on all of them.">
      <div className="space-y-6">
        {organizations.isPending ? (
          <LoadingBlock label="Loading organizations…" />
        ) : organizations.isError ? (
          <ApiErrorAlert error={organizations.error} />
        ) : (
          <>
            <ul aria-label="Your organizations" className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
              {orgs.map((org) => {
                const isSelected = org.id === selected?.id;
                return (
                  <li key={org.id}>
                    <button
                      type="button"
                      aria-pressed={isSelected}
                      onClick={() => setSelectedId(org.id)}
                      className={`flex w-full cursor-pointer items-center gap-2 px-3 py-2 text-left text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${
                        isSelected ? "bg-indigo-50/70" : "hover:bg-zinc-50"
                      }`}
                    >
                      <span className="min-w-0 flex-1 truncate font-medium text-zinc-900">{org.name}</span>
                      {org.personal ? <Badge>Personal</Badge> : null}
                      <Badge tone={org.role === "member" ? "neutral" : "accent"}>{ROLE_LABELS[org.role]}</Badge>
                    </button>
                  </li>
                );
              })}
            </ul>
            {selected ? <OrgMembers key={selected.id} org={selected} /> : null}
          </>
        )}
        <CreateOrganizationForm onCreated={(org) => setSelectedId(org.id)} />
      </div>
    </SectionCard>
  );
}
