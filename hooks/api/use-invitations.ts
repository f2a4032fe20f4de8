"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type {
  AcceptInvitationInput,
  AcceptedInvitationDto,
  CreateInvitationInput,
  CreatedInvitationDto,
  GithubInviteIntentInput,
  InvitationDto,
} from "@/lib/invitations/invitation-schemas";
import { meKeys, orgKeys } from "@/hooks/api/use-organizations";

export const invitationKeys = {
  all: ["invitations"] as const,
  list: (orgId: string) => [...invitationKeys.all, "list", orgId] as const,
};

const invitationsPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/invitations`;

export function useInvitations(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: invitationKeys.list(orgId),
    queryFn: async ({ signal }) => (await apiFetch<{ invitations: InvitationDto[] }>(invitationsPath(orgId), { signal })).invitations,
    enabled,
  });
}

/** The result carries the link; it is never put in the query cache, so it cannot outlive the screen that shows it. */
export function useCreateInvitation(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateInvitationInput) =>
      (await apiFetch<{ invitation: CreatedInvitationDto }>(invitationsPath(orgId), { method: "POST", body: input })).invitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.list(orgId) }),
  });
}

export function useRevokeInvitation(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      apiFetch<void>(`${invitationsPath(orgId)}/${encodeURIComponent(invitationId)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.list(orgId) }),
  });
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AcceptInvitationInput) =>
      apiFetch<AcceptedInvitationDto>("/api/v1/invitations/accept", { method: "POST", body: input }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: orgKeys.all }),
        queryClient.invalidateQueries({ queryKey: meKeys.all }),
      ]),
  });
}

/** "Join with GitHub": arms this browser's next GitHub sign-in to create the invited account; the caller starts it. */
export function useStartGithubInvite() {
  return useMutation({
    mutationFn: (input: GithubInviteIntentInput) => apiFetch<{ provider: "github" }>("/api/v1/invitations/github", { method: "POST", body: input }),
  });
}
