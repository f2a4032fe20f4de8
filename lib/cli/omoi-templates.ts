import { stringify } from "yaml";
import { file } from "@/lib/omoi-files/render-omoi-files";

/**
 * What `omoi init` writes: config.yaml naming the project, and one filled-in example per kind under templates/
 * (which validate and push never read) to copy from. docs/omoi-files.md describes every field.
 */
export function configYaml(projectId: string): string {
  return `# The OmoiOS project these files belong to: its id, as in the app's URLs (/projects/<id>/board).\n${stringify({ project: projectId })}`;
}

export function specTemplate(key: string, title: string): string {
  return file({ key, title }, `${title}.\n\nDescribe the idea here: who needs it, what it should do, and what is out of scope.`);
}

export const TEMPLATES: Record<string, string> = {
  "requirement.md": file(
    { id: "REQ-AREA-001", title: "A capability in a few words", earsType: "event_driven", condition: "a user does something", action: "do what is needed", priority: "MEDIUM" },
    "WHEN a user does something, THE SYSTEM SHALL do what is needed.\n\n## Acceptance criteria\n\n- [ ] A first checkable outcome\n- [ ] A second checkable outcome",
  ),
  "design.md": file(
    {
      components: [{ name: "Component", responsibility: "What it is for", interfaces: ["function signature or route"], files: ["path/to/file.ts"] }],
      dataModels: [{ name: "Model", fields: [{ name: "field", type: "string", notes: "why it exists" }] }],
      apiEndpoints: [{ method: "GET", path: "/api/v1/things", description: "What it answers" }],
      errorHandling: ["What happens when it fails"],
      testingStrategy: "How it is tested.",
      securityNotes: ["Who may do what"],
    },
    "## Architecture\n\nHow the feature fits the existing code, the data flow and the key decisions.",
  ),
  "task.md": file(
    { id: "TSK-001", title: "One step of the plan", priority: "MEDIUM", estimateHours: 2, requirementRefs: ["REQ-AREA-001"], dependsOn: [], files: ["path/to/file.ts"] },
    "What to do and how, naming the files to touch.\n\n## Acceptance criteria\n\n- [ ] What shows it is done",
  ),
  "ticket.md": file({ id: "TKT-001", title: "A piece of work for the board", priority: "MEDIUM", task: "TSK-001", dependsOn: [] }, "What should be done and why."),
};
