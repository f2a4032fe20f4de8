import { describe, expect, it } from "vitest";
import { toRequirementId } from "@/lib/omoi-files/build-migration-context";
import { parseEarsSentence } from "@/lib/omoi-files/parse-ears-sentence";
import { parseOmoiFile } from "@/lib/omoi-files/parse-omoi-file";
import { planOmoiMigration } from "@/lib/omoi-files/plan-omoi-migration";

const fm = (fields: string, body = "") => `---\n${fields.trim()}\n---\n\n${body}\n`;
const plan = (files: Record<string, string>, specKey?: string) => planOmoiMigration(new Map(Object.entries(files)), { specKey });
const written = (result: ReturnType<typeof plan>, relPath: string) => {
  const text = result.writes.find((w) => w.relPath === relPath)?.text;
  if (!text) throw new Error(`${relPath} is not written`);
  const parsed = parseOmoiFile(relPath, text)!;
  expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return { text, item: parsed.item as Record<string, unknown> };
};

describe("planOmoiMigration", () => {
  it("reads EARS sentences into type, condition and action", () => {
    expect(parseEarsSentence("WHEN a user signs in,\nTHE SYSTEM SHALL greet them.")).toEqual({ earsType: "event_driven", condition: "a user signs in", action: "greet them" });
    expect(parseEarsSentence("WHILE offline, THE APP SHALL queue writes")).toMatchObject({ earsType: "state_driven", condition: "offline" });
    expect(parseEarsSentence("IF a payment fails, THEN THE SYSTEM SHALL retry twice.")).toMatchObject({ earsType: "unwanted", action: "retry twice" });
    expect(parseEarsSentence("WHERE SSO is on, THE SYSTEM SHALL hide passwords.")).toMatchObject({ earsType: "optional", condition: "SSO is on" });
    expect(parseEarsSentence("WHILE offline, WHEN a user saves, THE SYSTEM SHALL queue it.")).toMatchObject({ earsType: "complex", condition: "WHILE offline, WHEN a user saves" });
    expect(parseEarsSentence("THE SYSTEM SHALL log every sign-in.")).toEqual({ earsType: "ubiquitous", condition: "", action: "log every sign-in" });
    expect(parseEarsSentence("Users can sign in.")).toEqual({ earsType: "ubiquitous", condition: "", action: "Users can sign in" });
  });

  it("turns predecessor requirement ids into ours without clashes", () => {
    expect(toRequirementId("REQ-AUTH-FUNC-001", new Set())).toBe("REQ-AUTHFUNC-001");
    expect(toRequirementId("REQ-AUTH-FUNC-001", new Set(["REQ-AUTHFUNC-001"]))).toBe("REQ-AUTHFUNC-002");
    expect(toRequirementId("REQ-AUTH-001", new Set())).toBe("REQ-AUTH-001");
    expect(toRequirementId("REQ-NOTIFICATIONS-EMAIL-12", new Set())).toBe("REQ-NOTIFICATION-012");
    expect(toRequirementId("REQ-1", new Set())).toBe("REQ-RX-001");
  });

  it("moves ticket and task fields to ours: people by email, blocks as the other side's dependsOn, sizes as hours, a parent ticket's one task", () => {
    const result = plan({
      "tickets/TKT-001.md": fm("id: TKT-001\ntitle: One\npriority: high\nuser_id: ada@example.test\nassignee: 42\ndependencies:\n  blocks: [TKT-002, TKT-404]"),
      "tickets/TKT-002.md": fm("id: TKT-002\ntitle: Two\nestimate: XL", "Body."),
      "tasks/TSK-001.md": fm("id: TSK-001\ntitle: Do\nparent_ticket: TKT-001\nestimate: M\ndependencies:\n  depends_on: [TSK-000]"),
    });
    expect(result.problems).toEqual([]);
    expect(written(result, "tickets/TKT-001.md").item).toMatchObject({ priority: "HIGH", owner: "ada@example.test", task: "TSK-001", dependsOn: [] });
    expect(written(result, "tickets/TKT-001.md").text).toMatch(/```yaml\ndependencies:\n {2}blocks:\n {4}- TKT-404\nassignee: 42\n```/);
    expect(written(result, "tickets/TKT-002.md")).toMatchObject({ item: { dependsOn: ["TKT-001"] }, text: expect.stringContaining("Body.\n\n## Predecessor fields") });
    expect(written(result, "tasks/TSK-001.md").item).toMatchObject({ priority: "HIGH", estimateHours: 2, dependsOn: ["TSK-000"], requirementRefs: [] });
    expect(result.writes.map((w) => w.relPath)).toEqual(["tasks/TSK-001.md", "tickets/TKT-001.md", "tickets/TKT-002.md", "spec.md"]);
    expect(written(result, "spec.md").item).toMatchObject({ key: "migrated-spec" });
  });

  it("leaves files in our format alone, and refuses to overwrite a file it does not migrate", () => {
    const ours = { "tickets/TKT-001.md": fm("id: TKT-001\ntitle: One"), "spec.md": fm("key: s\ntitle: S", "A spec.") };
    expect(plan(ours)).toEqual({ steps: [], writes: [], removes: [], backups: [], problems: [] });
    const clash = plan({
      ...ours,
      "requirements/REQ-AUTH-001.md": fm("id: REQ-AUTH-001\ntitle: Taken\nearsType: ubiquitous\naction: a\npriority: LOW", "THE SYSTEM SHALL a."),
      "requirements/auth.md": fm("id: REQ-AUTH-000\ntitle: Doc\nfeature: auth", "### REQ-AUTH-001: Other\n\nTHE SYSTEM SHALL b."),
      "requirements/bad.md": "---\nid: [\n---\n",
    });
    expect(clash.problems).toEqual([expect.stringMatching(/^requirements\/bad\.md:2: invalid YAML: .*\(fix it, then migrate\)$/)]);
    // The section's id is taken by a file in our format: it gets the next free number instead.
    expect(clash.steps.find((s) => s.source === "requirements/auth.md")!.targets).toEqual(["requirements/REQ-AUTH-002.md"]);
  });
});
