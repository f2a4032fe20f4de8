"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { boardKeys } from "@/hooks/api/use-board";
import { specKeys } from "@/hooks/api/use-specs";
import { apiFetch } from "@/lib/http/api-client";
import type { CreateSpecInput, LaunchedSpecDto } from "@/lib/specs/spec-schemas";

/**
 * POST /api/v1/specs, the one way to create a spec: it is created and its sandbox queued; resolves to the spec (and
 * its sandbox, when a worker already started one). Errors are ApiErrors, 422s with field errors keyed as the body.
 */
export function useCreateSpec() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: specKeys.creates(),
    mutationFn: (input: CreateSpecInput) => apiFetch<LaunchedSpecDto>("/api/v1/specs", { method: "POST", body: input }),
    onSuccess: ({ spec }) => {
      // Not awaited: the caller usually navigates to the new spec at once, and no list is on screen to wait for.
      void queryClient.invalidateQueries({ queryKey: specKeys.list(spec.projectId) });
      void queryClient.invalidateQueries({ queryKey: boardKeys.specs(spec.projectId) });
    },
  });
}
