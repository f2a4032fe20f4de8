import { z } from "zod";

export const EARS_TYPES = ["ubiquitous", "event_driven", "state_driven", "unwanted", "optional", "complex"] as const;
export const PRIORITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export const REQUIREMENT_ID = /^REQ-[A-Z][A-Z0-9]{1,11}-\d{3}$/;

export const requirementSchema = z.object({
  id: z.string().min(1).max(40).describe("REQ-<AREA>-<NNN>, e.g. REQ-THEME-001; unique"),
  title: z.string().min(1).max(200).describe("A 3–8 word capability, not a generic noun like 'API'"),
  earsType: z.enum(EARS_TYPES).describe("ubiquitous: THE SYSTEM SHALL …; event_driven: WHEN …; state_driven: WHILE …; unwanted: IF … THEN …; optional: WHERE …; complex: a combination"),
  condition: z.string().max(1000).describe("The trigger, state or feature clause (empty for ubiquitous)"),
  action: z.string().min(1).max(2000).describe("What the system shall do"),
  text: z.string().min(1).max(3000).describe("The full EARS sentence, e.g. 'WHEN a user selects dark mode, THE SYSTEM SHALL …'"),
  priority: z.enum(PRIORITIES),
  acceptanceCriteria: z.array(z.string().min(1).max(1000)).max(20).describe("At least two checkable criteria"),
  dependencies: z.array(z.string().max(40)).max(50).default([]).describe("Ids of requirements this one builds on"),
});
export type Requirement = z.infer<typeof requirementSchema>;

export const requirementsOutputSchema = z.object({
  requirements: z.array(requirementSchema).max(100),
  assumptions: z.array(z.string().min(1).max(1000)).max(50).default([]),
  outOfScope: z.array(z.string().min(1).max(1000)).max(50).default([]),
});
export type RequirementsOutput = z.infer<typeof requirementsOutputSchema>;

export const requirementsExample: RequirementsOutput = {
  requirements: [
    {
      id: "REQ-THEME-001",
      title: "Switch between light and dark themes",
      earsType: "event_driven",
      condition: "a signed-in user selects a theme in settings",
      action: "apply the theme to every page at once and remember it for the user",
      text: "WHEN a signed-in user selects a theme in settings, THE SYSTEM SHALL apply it to every page at once and remember it for the user.",
      priority: "HIGH",
      acceptanceCriteria: ["Selecting dark changes the page colours without a reload", "The choice is still applied after signing in on another device"],
      dependencies: [],
    },
    {
      id: "REQ-THEME-002",
      title: "Fall back to the system theme",
      earsType: "unwanted",
      condition: "a user has no stored theme or an unknown one",
      action: "render the operating system's theme",
      text: "IF a user has no stored theme or an unknown one, THEN THE SYSTEM SHALL render the operating system's theme.",
      priority: "MEDIUM",
      acceptanceCriteria: ["A new user sees the theme their operating system prefers", "A stored value of 'sepia' renders the system theme without an error"],
      dependencies: ["REQ-THEME-001"],
    },
  ],
  assumptions: ["Only signed-in users have a stored preference"],
  outOfScope: ["Per-page themes"],
};
