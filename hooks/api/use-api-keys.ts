"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type { ApiKeyDto, CreateApiKeyInput, CreatedApiKeyDto } from "@/lib/api-keys/api-key-schemas";

export const apiKeyKeys = {
  all: ["api-keys"] as const,
  list: () => [...apiKeyKeys.all, "list"] as const,
};

export function useApiKeys() {
  return useQuery({
    queryKey: apiKeyKeys.list(),
    queryFn: async ({ signal }) => (await apiFetch<{ apiKeys: ApiKeyDto[] }>("/api/v1/api-keys", { signal })).apiKeys,
  });
}

/** The result carries the full key; it is never stored in the query cache, so it cannot outlive the screen that shows it. */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateApiKeyInput) =>
      (await apiFetch<{ apiKey: CreatedApiKeyDto }>("/api/v1/api-keys", { method: "POST", body: input })).apiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (keyId: string) =>
      (await apiFetch<{ apiKey: ApiKeyDto }>(`/api/v1/api-keys/${encodeURIComponent(keyId)}`, { method: "DELETE" })).apiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
