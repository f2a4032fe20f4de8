import { z } from "zod";

export const designOutputSchema = z.object({
  architecture: z.string().min(1).max(20_000).describe("Markdown: how the feature fits the existing architecture, data flow, key decisions"),
  components: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        responsibility: z.string().min(1).max(2000),
        interfaces: z.array(z.string().min(1).max(1000)).max(30).describe("Functions, props or routes it exposes, with signatures"),
        files: z.array(z.string().max(500)).max(30).default([]),
      }),
    )
    .max(50),
  dataModels: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        fields: z.array(z.object({ name: z.string().min(1).max(200), type: z.string().min(1).max(200), notes: z.string().max(1000).optional() })).max(100),
      }),
    )
    .max(50)
    .describe("New or changed models; empty when none change"),
  apiEndpoints: z
    .array(z.object({ method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]), path: z.string().min(1).max(500), description: z.string().min(1).max(2000) }))
    .max(50)
    .describe("New or changed endpoints (or server actions); empty when none"),
  errorHandling: z.array(z.string().min(1).max(1000)).max(50),
  testingStrategy: z.string().min(1).max(5000),
  securityNotes: z.array(z.string().min(1).max(1000)).max(50),
});
export type DesignOutput = z.infer<typeof designOutputSchema>;

export const designExample: DesignOutput = {
  architecture:
    "## Overview\nThe theme is a user preference stored on `User.theme` (light, dark or system; default system). The root layout " +
    "in app/layout.tsx reads it with the session and renders it as a `data-theme` attribute on `<html>`, so the first paint " +
    "already has the right colours and no script runs before it.\n\n## Data flow\nThe ThemeToggle on the settings page sends " +
    "`PATCH /api/v1/me` with `{ theme }`; the route validates it with the shared zod schema and calls `updateUser`, which " +
    "saves it. The toggle sets the attribute at once, so the page changes without a reload.\n\n## Decisions\nAn unknown " +
    "stored value renders the system theme instead of failing: the preference is cosmetic and must never break a page.",
  components: [
    { name: "ThemeToggle", responsibility: "Lets the user pick light, dark or system", interfaces: ["<ThemeToggle value onChange />"], files: ["components/settings/theme-toggle.tsx"] },
    { name: "updateUser", responsibility: "Validates and saves the chosen theme", interfaces: ["updateUser({ userId, input: { theme } })"], files: ["lib/users/update-user.ts"] },
  ],
  dataModels: [{ name: "User", fields: [{ name: "theme", type: "enum(light, dark, system)", notes: "default system" }] }],
  apiEndpoints: [{ method: "PATCH", path: "/api/v1/me", description: "Accepts { theme }" }],
  errorHandling: ["An invalid theme value is a 422 with a field error", "An unknown stored value renders the system theme"],
  testingStrategy: "Unit-test updateUser's validation; an e2e test toggles the theme, reloads and signs in again.",
  securityNotes: ["Only the signed-in user can change their own theme"],
};
