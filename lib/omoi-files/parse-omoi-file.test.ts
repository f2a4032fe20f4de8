import { describe, expect, it } from "vitest";
import type { OmoiSnapshot } from "@/lib/omoi-files/omoi-file-schemas";
import { kindOfPath, parseOmoiFile } from "@/lib/omoi-files/parse-omoi-file";
import { renderOmoiFiles } from "@/lib/omoi-files/render-omoi-files";

const parse = (rel: string, text: string) => parseOmoiFile(rel, text)!;
const messages = (rel: string, text: string) => parse(rel, text).diagnostics.map((d) => `${d.line}: ${d.severity === "warning" ? "warning: " : ""}${d.message}`);

const REQUIREMENT = `---
id: REQ-AUTH-001
title: Sign in with email
earsType: event_driven
condition: a user submits valid credentials
action: sign them in
priority: HIGH
---

WHEN a user submits valid credentials, THE SYSTEM SHALL sign them in.

## Acceptance criteria

- [ ] A valid password signs in
- [x] A wrong password does not,
  and says so
`;

describe("parseOmoiFile", () => {
  it("reads a requirement: frontmatter fields, the EARS sentence from the body, criteria with their checkboxes", () => {
    const file = parse("requirements/REQ-AUTH-001.md", REQUIREMENT);
    expect(file.diagnostics).toEqual([]);
    expect(file.item).toEqual({
      id: "REQ-AUTH-001",
      title: "Sign in with email",
      earsType: "event_driven",
      condition: "a user submits valid credentials",
      action: "sign them in",
      priority: "HIGH",
      text: "WHEN a user submits valid credentials, THE SYSTEM SHALL sign them in.",
      acceptanceCriteria: ["A valid password signs in", "A wrong password does not, and says so"],
    });
    expect(file.checked).toEqual([false, true]);
    expect(file.lineOf(["acceptanceCriteria", 1])).toBe(15);
    expect(file.lineOf(["priority"])).toBe(7);
  });

  it("says which line is wrong: missing or unclosed frontmatter, YAML syntax, a bad value, a missing field", () => {
    expect(messages("tickets/TKT-001.md", "# no frontmatter\n")).toEqual(["1: missing YAML frontmatter: start the file with a line `---`"]);
    expect(messages("tickets/TKT-001.md", "---\nid: TKT-001\n")).toEqual(["1: the frontmatter is not closed: add a line `---` after it"]);
    expect(messages("tickets/TKT-001.md", "---\nid: TKT-001\ntitle: x\ndependsOn: [TKT-002\n---\n")[0]).toMatch(/^4: invalid YAML: /);
    expect(messages("tickets/TKT-001.md", "---\nid: TKT-001\nid: TKT-002\ntitle: x\n---\n")).toEqual(["3: invalid YAML: Map keys must be unique"]);
    expect(messages("tickets/TKT-001.md", "---\n- a list\n---\n")).toEqual(["2: expected a mapping of `field: value` lines"]);
    expect(messages("tickets/TKT-001.md", "---\nid: TKT-001\ntitle: x\npriority: urgent\n---\n")).toEqual([
      '4: priority: Invalid option: expected one of "LOW"|"MEDIUM"|"HIGH"|"CRITICAL"',
    ]);
    expect(messages("tickets/TKT-001.md", "---\nid: TKT-001\ntitle: x\ndependsOn:\n  - TKT-002\n  - tkt 3\n---\n")).toEqual([
      "6: dependsOn.1: ticket ids look like TKT-<NNN>",
    ]);
    expect(messages("tasks/TSK-001.md", "---\nid: TSK-001\npriority: LOW\nestimateHours: 1\nrequirementRefs: []\n---\nDo it.\n")).toEqual(["1: title: required field is missing"]);
  });

  it("checks the body: the EARS sentence, notes left under the criteria heading, an empty spec description", () => {
    const noText = REQUIREMENT.replace("WHEN a user submits valid credentials, THE SYSTEM SHALL sign them in.\n", "");
    expect(messages("requirements/REQ-AUTH-001.md", noText)).toEqual(["9: the body needs the requirement's EARS sentence (before ## Acceptance criteria)"]);
    expect(messages("requirements/REQ-AUTH-001.md", `${REQUIREMENT}\nSome notes.\n`)).toEqual([
      '18: "Some notes." under ## Acceptance criteria is not a list item ("- [ ] …"); move notes above the heading',
    ]);
    expect(messages("spec.md", "---\nkey: dark-mode\ntitle: Dark mode\n---\n\n\n")).toEqual(["5: the body (the description) is empty"]);
    expect(messages("spec.md", "---\nkey: Dark Mode\ntitle: Dark mode\n---\nLet people pick a dark theme.\n")).toEqual([
      "2: key: a spec key is lowercase letters, digits and dashes, e.g. dark-mode",
    ]);
  });

  it("refuses unknown fields with content, naming the field they belong in; empty ones are warnings", () => {
    const text = "---\nid: TKT-001\ntitle: x\nuser_id: u1\nblocked_by: [TKT-002]\ncolour: red\ndescription: here\nestimate: M\nrelated: []\n---\nBody.\n";
    const file = parse("tickets/TKT-001.md", text);
    expect(file.item).toMatchObject({ id: "TKT-001", description: "Body.", dependsOn: [] });
    expect(messages("tickets/TKT-001.md", text)).toEqual([
      '4: unknown field "user_id": its content would be lost; it belongs in owner (or assignee, for who works on it)',
      '5: unknown field "blocked_by": its content would be lost; it belongs in dependsOn',
      '6: unknown field "colour": its content would be lost; move it into the body, or remove it',
      '7: unknown field "description": its content would be lost; it belongs in the body',
      '8: unknown field "estimate": its content would be lost (no field of a ticket: give its task an estimateHours, or keep it in the body)',
      '9: warning: unknown field "related" is empty and ignored',
    ]);
    const task = "---\nid: TSK-001\ntitle: t\npriority: LOW\nestimated_hours: 3\nrequirementRefs: []\nfiles_to_create: [a.ts]\ndepends-on: [TSK-002]\n---\nDo it.\n";
    expect(messages("tasks/TSK-001.md", task)).toEqual([
      '5: unknown field "estimated_hours": its content would be lost; it belongs in estimateHours',
      '7: unknown field "files_to_create": its content would be lost; it belongs in files',
      '8: unknown field "depends-on": its content would be lost; it belongs in dependsOn',
      "1: estimateHours: required field is missing",
    ]);
    const design = `---\napi_endpoints: [{ method: GET, path: /x, description: d }]\ndata_models: [{ name: User }]\n---\nArchitecture.\n`;
    expect(messages("designs/s.md", design)).toEqual([
      '2: unknown field "api_endpoints": its content would be lost; it belongs in apiEndpoints',
      '3: unknown field "data_models": its content would be lost; it belongs in dataModels',
    ]);
    expect(messages("tickets/other-name.md", "---\nid: TKT-001\ntitle: x\n---\n")).toEqual([
      "2: warning: the file name does not start with its id TKT-001 (pull writes tickets/TKT-001.md)",
    ]);
  });

  it("refuses fields the schema would strip inside lists and mappings, naming where they belong", () => {
    const design = [
      "---",
      "apiEndpoints:",
      "  - { method: POST, path: /s, description: Sign in, auth_required: true }",
      "dataModels:",
      "  - name: User",
      "    table_name: users",
      "    fields:",
      "      - { name: id, type: UUID, constraints: PRIMARY KEY, nullable: }",
      "---",
      "Architecture.",
    ].join("\n");
    expect(messages("designs/s.md", design)).toEqual([
      "3: apiEndpoints.0.auth_required: unknown field: its content would be lost; it belongs in the endpoint's description",
      "8: dataModels.0.fields.0.constraints: unknown field: its content would be lost; it belongs in the field's notes",
      "8: warning: dataModels.0.fields.0.nullable: unknown field, empty and ignored",
      "6: dataModels.0.table_name: unknown field: its content would be lost; it belongs in the body (the architecture)",
    ]);
  });

  it("bounds the work of hostile YAML and reports it on the file's own line, without throwing", () => {
    const bomb = ["---", "id: TKT-001", "title: x", "a: &a [l, l, l, l, l, l, l, l, l]", ...["b", "c", "d", "e", "f", "g", "h"].map((n, i) => `${n}: &${n} [${Array(9).fill(`*${"abcdefg"[i]}`).join(", ")}]`), "---", ""].join("\n");
    expect(messages("tickets/TKT-001.md", bomb)).toEqual(["5: invalid YAML: its aliases (*name) expand to too much data (more than 100 uses); write the values out"]);
    expect(messages("tickets/TKT-001.md", `---\nid: TKT-001\nx: ${"{a: ".repeat(30_000)}\n---\n`)).toEqual(["3: invalid YAML: nested more than 64 levels deep; flatten the YAML"]);
    const indented = Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}a:`).join("\n");
    expect(messages("tickets/TKT-001.md", `---\n${indented}\n---\n`)).toEqual(["259: invalid YAML: indented more than 256 columns; flatten the YAML"]);
    expect(messages("tickets/TKT-001.md", `---\nid: TKT-001\n---\n${"x".repeat(1024 * 1024)}`)).toEqual(["1: the file is larger than 1024 KiB; split it"]);
    // A quote that YAML reads as text (in a block scalar) cannot hide the nesting after it.
    expect(messages("tickets/TKT-001.md", `---\nid: TKT-001\ntitle: |\n  '\nx: ${"[".repeat(100)}\n---\n`)).toEqual(["5: invalid YAML: nested more than 64 levels deep; flatten the YAML"]);
    // Quoted brackets and comments are not nesting.
    expect(messages("tickets/TKT-001.md", `---\nid: TKT-001\ntitle: "${"[".repeat(100)}" # ${"{".repeat(100)}\n---\n`)).toEqual([]);
  });

  it("knows which files it reads", () => {
    expect(["spec.md", "requirements/a.md", "designs/a.md", "tasks/a.md", "tickets/a.md"].map(kindOfPath)).toEqual(["spec", "requirement", "design", "task", "ticket"]);
    expect(["config.yaml", "templates/task.md", "tasks/notes.txt", "tasks/sub/a.md", "README.md"].map(kindOfPath)).toEqual([null, null, null, null, null]);
  });

  it("reads back exactly what pull writes", () => {
    const snapshot: OmoiSnapshot = {
      project: { id: "p1", name: "Project" },
      spec: { id: "s1", key: "dark-mode", title: "Dark mode", description: "Let people pick a dark theme.\n\nAnd keep it.", generationStatus: "completed", currentPhase: "complete" },
      requirements: [
        { id: "REQ-THEME-001", title: "Remember it", earsType: "ubiquitous", condition: "", action: "store it", text: "THE SYSTEM SHALL store it.", priority: "LOW", acceptanceCriteria: ["a: b", "- c"], criteriaMet: [true, false] },
      ],
      design: {
        architecture: "## Overview\n\nText with `code`.",
        components: [{ name: "A", responsibility: "r", interfaces: ["f(x: string): void"], files: [] }],
        dataModels: [{ name: "User", fields: [{ name: "theme", type: "enum", notes: "yes" }] }],
        apiEndpoints: [{ method: "PATCH", path: "/api/v1/me", description: "Accepts { theme }" }],
        errorHandling: ["# not a comment"],
        testingStrategy: "Line one\nline two",
        securityNotes: [],
      },
      tasks: [
        { id: "TSK-001", title: "Do: it", description: "Desc\n\n## Notes\n\nmore", files: ["a.ts"], priority: "HIGH", estimateHours: 1.5, dependsOn: [], requirementRefs: ["REQ-THEME-001"], acceptanceCriteria: ["x"], status: "pending" },
      ],
      tickets: [
        {
          id: "OMOI-4", localId: null, key: "OMOI-4", title: "yes", description: "", priority: "MEDIUM", status: "building", task: "TSK-001", dependsOn: ["TKT-001"],
          ownerUser: { id: "u1", email: "a@b.test" }, assigneeUser: null,
        },
      ],
    };
    const files = renderOmoiFiles(snapshot);
    expect(files.map((f) => f.relPath)).toEqual(["spec.md", "requirements/REQ-THEME-001.md", "designs/dark-mode.md", "tasks/TSK-001.md", "tickets/OMOI-4.md"]);
    const items = files.map((f) => parse(f.relPath, f.text));
    expect(items.flatMap((i) => i.diagnostics)).toEqual([]);
    const { criteriaMet, ...requirement } = snapshot.requirements[0]!;
    const { ownerUser, assigneeUser: _, localId: __, ...ticket } = snapshot.tickets[0]!;
    expect(items.map((i) => i.item)).toEqual([
      { key: "dark-mode", id: "s1", title: "Dark mode", description: snapshot.spec!.description },
      requirement,
      snapshot.design,
      snapshot.tasks[0],
      { ...ticket, owner: ownerUser.email },
    ]);
    expect(items[1]!.checked).toEqual(criteriaMet);
  });
});
