import { z } from "zod";
import { PRIORITIES } from "@/lib/specs/phases/requirements-output";

export const TASK_ID = /^TSK-\d{3}$/;

export const specTaskSchema = z.object({
  id: z.string().min(1).max(20).describe("TSK-<NNN>, e.g. TSK-001; unique"),
  title: z.string().min(1).max(200),
  description: z.string().min(1).max(10_000).describe("What to do and how, naming the files to touch"),
  files: z.array(z.string().min(1).max(500)).max(50).describe("Files to create or modify"),
  priority: z.enum(PRIORITIES),
  estimateHours: z.number().describe("At most 8; split bigger work"),
  dependsOn: z.array(z.string().max(20)).max(50).default([]).describe("Ids of tasks that must be done first"),
  requirementRefs: z.array(z.string().max(40)).max(50).describe("Ids of the requirements this task implements"),
  acceptanceCriteria: z.array(z.string().min(1).max(1000)).max(20),
});
export type SpecTaskOutput = z.infer<typeof specTaskSchema>;

export const tasksOutputSchema = z.object({ tasks: z.array(specTaskSchema).max(200) });
export type TasksOutput = z.infer<typeof tasksOutputSchema>;

export const tasksExample: TasksOutput = {
  tasks: [
    {
      id: "TSK-001",
      title: "Store the theme preference",
      description: "Add `theme` to `User` in prisma/schema.prisma with a migration; accept it in lib/users/update-user.ts.",
      files: ["prisma/schema.prisma", "lib/users/update-user.ts"],
      priority: "HIGH",
      estimateHours: 2,
      dependsOn: [],
      requirementRefs: ["REQ-THEME-001"],
      acceptanceCriteria: ["PATCH /api/v1/me with { theme: 'dark' } stores it", "An unknown theme is refused with 422"],
    },
    {
      id: "TSK-002",
      title: "Apply and switch the theme",
      description: "Render `data-theme` from the session in app/layout.tsx (system when unset or unknown); add the ThemeToggle to the settings page.",
      files: ["app/layout.tsx", "components/settings/theme-toggle.tsx"],
      priority: "HIGH",
      estimateHours: 3,
      dependsOn: ["TSK-001"],
      requirementRefs: ["REQ-THEME-001", "REQ-THEME-002"],
      acceptanceCriteria: ["Toggling dark recolours the page without a reload", "A user without a stored theme gets the system theme"],
    },
  ],
};
