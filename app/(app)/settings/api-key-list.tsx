"use client";

import { useState } from "react";
import type { ApiKeyDto } from "@/lib/api-keys/api-key-schemas";
import { useApiKeys, useRevokeApiKey } from "@/hooks/api/use-api-keys";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadingBlock } from "@/components/ui/spinner";
import { formatDate } from "./format";

function keyStatus(key: ApiKeyDto): "active" | "revoked" | "expired" {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= Date.now()) return "expired";
  return "active";
}

const STATUS_BADGE = {
  active: { tone: "success", label: "Active" },
  revoked: { tone: "neutral", label: "Revoked" },
  expired: { tone: "warning", label: "Expired" },
} as const;

export function ApiKeyList() {
  const apiKeys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);

  if (apiKeys.isPending) return <LoadingBlock label="Loading API keys…" />;
  if (apiKeys.isError) return <ApiErrorAlert error={apiKeys.error} />;
  if (apiKeys.data.length === 0) return <p className="text-sm text-zinc-500">No API keys yet.</p>;

  return (
    <>
      <ul aria-label="API keys" className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
        {apiKeys.data.map((key) => {
          const status = keyStatus(key);
          return (
            <li key={key.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
              <div className="min-w-0 flex-1">
                <p className="flex items-center gap-2 text-sm">
                  <span id={`key-${key.id}`} className="truncate font-medium text-zinc-900">
                    {key.name}
                  </span>
                  <code className="font-mono text-xs text-zinc-500">{key.prefix}…</code>
                </p>
                <p className="text-xs text-zinc-500">
                  {key.scopes.join(", ")} · created {formatDate(key.createdAt)} · last used {formatDate(key.lastUsedAt, "never")}
                  {key.expiresAt && status === "active" ? ` · expires ${formatDate(key.expiresAt)}` : ""}
                </p>
              </div>
              <Badge tone={STATUS_BADGE[status].tone}>{STATUS_BADGE[status].label}</Badge>
              {status === "active" ? (
                <Button variant="danger-ghost" size="sm" aria-describedby={`key-${key.id}`} onClick={() => setRevoking(key)}>
                  Revoke
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        description="Anything using this key stops working at once. This cannot be undone."
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        error={revoke.error}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
    </>
  );
}
