"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type { GatedPhase } from "@/lib/core/spec-phases";
import type { PhaseRevisionDto } from "@/lib/specs/spec-schemas";
import { specKeys } from "@/hooks/api/use-specs";

/**
 * A phase's passed outputs, oldest first, for comparing two of them. Fetched when asked for (they can be large, so
 * the polled spec detail carries only their count), and again when that count changes.
 */
export function usePhaseRevisions({ specId, phase, count }: { specId: string; phase: GatedPhase; count: number }) {
  return useQuery({
    queryKey: specKeys.revisions(specId, phase, count),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ revisions: PhaseRevisionDto[] }>(`/api/v1/specs/${encodeURIComponent(specId)}/phases/${phase}/revisions`, { signal })).revisions,
    staleTime: Infinity,
  });
}
