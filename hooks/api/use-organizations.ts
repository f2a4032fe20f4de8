"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type {
  AddMemberInput,
  CreateOrganizationInput,
  MemberDto,
  MembershipRoleName,
  OrganizationDto,
} from "@/lib/orgs/org-schemas";
import type { UserDto } from "@/lib/users/user-schemas";
import { projectKeys } from "@/hooks/api/use-projects";

export const orgKeys = {
  all: ["organizations"] as const,
  list: () => [...orgKeys.all, "list"] as const,
  members: (orgId: string) => [...orgKeys.all, "members", orgId] as const,
};

export const meKeys = { all: ["me"] as const };

const membersPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/members`;
const memberPath = (orgId: string, userId: string) => `${membersPath(orgId)}/${encodeURIComponent(userId)}`;

/** The signed-in user as the API sees them (fresher than the session cookie's copy). */
export function useMe() {
  return useQuery({
    queryKey: meKeys.all,
    queryFn: ({ signal }) =>
      apiFetch<{ user: UserDto; via: "session" | "api_key"; organizations: OrganizationDto[] }>("/api/v1/me", { signal }),
  });
}

export function useOrganizations() {
  return useQuery({
    queryKey: orgKeys.list(),
    queryFn: async ({ signal }) =>
      (await apiFetch<{ organizations: OrganizationDto[] }>("/api/v1/orgs", { signal })).organizations,
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateOrganizationInput) =>
      (await apiFetch<{ organization: OrganizationDto }>("/api/v1/orgs", { method: "POST", body: input })).organization,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: orgKeys.list() }),
        queryClient.invalidateQueries({ queryKey: meKeys.all }),
      ]),
  });
}

export function useMembers(orgId: string | undefined) {
  return useQuery({
    queryKey: orgKeys.members(orgId ?? ""),
    queryFn: async ({ signal }) => (await apiFetch<{ members: MemberDto[] }>(membersPath(orgId!), { signal })).members,
    enabled: Boolean(orgId),
  });
}

export function useAddMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: AddMemberInput) =>
      (await apiFetch<{ member: MemberDto }>(membersPath(orgId), { method: "POST", body: input })).member,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKeys.members(orgId) }),
  });
}

export function useUpdateMemberRole(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: MembershipRoleName }) =>
      (await apiFetch<{ member: MemberDto }>(memberPath(orgId, userId), { method: "PATCH", body: { role } })).member,
    // Show the new role at once (a select that snaps back until the refetch lands looks broken); undo it on failure.
    onMutate: async ({ userId, role }) => {
      await queryClient.cancelQueries({ queryKey: orgKeys.members(orgId) });
      const previous = queryClient.getQueryData<MemberDto[]>(orgKeys.members(orgId));
      queryClient.setQueryData<MemberDto[]>(orgKeys.members(orgId), (members) =>
        members?.map((member) => (member.userId === userId ? { ...member, role } : member)),
      );
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(orgKeys.members(orgId), context.previous);
    },
    // The caller's own role may have changed, and with it what the org list shows.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: orgKeys.members(orgId) }),
        queryClient.invalidateQueries({ queryKey: orgKeys.list() }),
      ]),
  });
}

export function useRemoveMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => apiFetch<void>(memberPath(orgId, userId), { method: "DELETE" }),
    // Leaving an organization also takes its projects out of the caller's lists.
    onSuccess: (_data, userId) => {
      queryClient.setQueryData<MemberDto[]>(orgKeys.members(orgId), (members) =>
        members?.filter((member) => member.userId !== userId),
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: orgKeys.all }),
        queryClient.invalidateQueries({ queryKey: meKeys.all }),
        queryClient.invalidateQueries({ queryKey: projectKeys.all }),
      ]);
    },
  });
}
