"use client";

import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/api-client";
import type { ChangePasswordInput } from "@/lib/users/user-schemas";

/** Changes the password; every session signed in before ends, this browser's too (the caller signs in again). */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) =>
      apiFetch<{ sessionsRevokedAt: string }>("/api/v1/me/password", { method: "PUT", body: input }),
  });
}

/** Ends every session of the account, this one included. */
export function useSignOutEverywhere() {
  return useMutation({
    mutationFn: () => apiFetch<{ sessionsRevokedAt: string }>("/api/v1/me/sessions", { method: "DELETE" }),
  });
}

/** Arms the link (a short-lived cookie); the caller then starts a GitHub sign-in, which attaches to this account. */
export function useStartGithubLink() {
  return useMutation({
    mutationFn: () => apiFetch<{ provider: "github" }>("/api/v1/me/github-link", { method: "POST" }),
  });
}

/** Detaches GitHub from the account (refused while it is the only way to sign in). */
export function useUnlinkGithub() {
  return useMutation({
    mutationFn: () => apiFetch<{ isGithubLinked: false }>("/api/v1/me/github-link", { method: "DELETE" }),
  });
}
