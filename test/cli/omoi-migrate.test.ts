import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readOmoiWorkspace } from "@/lib/cli/read-omoi-workspace";
import { cliHarness, removeHarnessDirs, type CliHarness } from "@/test/cli/cli-harness";

afterAll(removeHarnessDirs);

const FIXTURE = path.resolve("test/fixtures/predecessor-omoi/.omoi_os");

/** A harness whose `.omoi_os/` is a copy of the predecessor-format fixture. */
function predecessorFolder(): CliHarness {
  const h = cliHarness({});
  fs.cpSync(FIXTURE, path.join(h.dir, ".omoi_os"), { recursive: true });
  return h;
}

/** Every file under a folder, path → text. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8");
  }
  return out;
}

/** The fixture's frontmatter, per file. */
function fixtureFrontmatter(folder: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const name of fs.readdirSync(path.join(FIXTURE, folder))) {
    const text = fs.readFileSync(path.join(FIXTURE, folder, name), "utf8");
    const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
    if (match) out[name] = parse(match[1]!) as Record<string, unknown>;
  }
  return out;
}

/** Every scalar in a value (the leaves a migration must not lose). */
const leaves = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(leaves) : value && typeof value === "object" ? Object.values(value).flatMap(leaves) : value === null || value === undefined ? [] : [String(value)];

describe("omoi migrate (the predecessor's .omoi_os format)", () => {
  it("validate refuses the predecessor's files, naming where each field with content belongs", async () => {
    const h = predecessorFolder();
    const result = await h.run(["validate"]);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")).toEqual(
      expect.arrayContaining([
        '.omoi_os/designs/user-auth.md:10: unknown field "api_endpoints": its content would be lost; it belongs in apiEndpoints',
        '.omoi_os/designs/user-auth.md:23: unknown field "data_models": its content would be lost; it belongs in dataModels',
        '.omoi_os/tickets/TKT-002-sign-in-api.md:15: unknown field "dependencies": its content would be lost; it belongs in dependsOn (its blocked_by list)',
        '.omoi_os/tickets/TKT-002-sign-in-api.md:13: unknown field "user_id": its content would be lost; it belongs in owner (or assignee, for who works on it)',
        '.omoi_os/tasks/TSK-001-user-session-tables.md:8: unknown field "estimated_hours": its content would be lost; it belongs in estimateHours',
        '.omoi_os/tasks/TSK-001-user-session-tables.md:12: unknown field "files_to_create": its content would be lost; it belongs in files',
        expect.stringContaining("hint: these files look like the predecessor's (Python OmoiOS) format: `omoi migrate --dry-run`"),
      ]),
    );
  });

  it("--dry-run prints, per file, what moves where, and writes nothing", async () => {
    const h = predecessorFolder();
    const before = snapshot(h.dir);
    const dry = await h.run(["migrate", "--dry-run"]);
    expect(dry).toMatchObject({ code: 0, stderr: "" });
    expect(snapshot(h.dir)).toEqual(before);
    const out = dry.stdout;
    expect(out).toContain(".omoi_os/requirements/user-auth.md → .omoi_os/requirements/REQ-AUTHFUNC-001.md, .omoi_os/requirements/REQ-AUTHFUNC-002.md, .omoi_os/requirements/REQ-AUTHFUNC-003.md\n");
    expect(out).toContain("  REQ-AUTH-FUNC-002 → requirements/REQ-AUTHFUNC-002.md: id REQ-AUTHFUNC-002 (ids are REQ-<AREA>-<NNN>)\n");
    expect(out).toContain('  category → spec.md "## From requirements/user-auth.md": functional\n');
    expect(out).toContain(".omoi_os/designs/user-auth.md (rewritten in place)\n  api_endpoints POST /api/v1/auth/sessions → apiEndpoints: details into its description (auth_required, request_body, response)\n");
    expect(out).toContain("  data_models User → dataModels: 5 field(s); table_name, description, relationships into the body\n");
    expect(out).toContain(".omoi_os/tickets/TKT-002-sign-in-api.md (rewritten in place)\n  dependencies.blocked_by → dependsOn: TKT-001\n  dependencies.blocks → dependsOn of TKT-003: TKT-002\n");
    expect(out).toContain('  estimate → body "## Predecessor fields": L\n');
    expect(out).toContain("  tasks → task: TSK-004\n");
    expect(out).toContain("  estimated_hours → estimateHours: 3\n  requirements_addressed → requirementRefs: REQ-AUTHFUNC-001, REQ-AUTHFUNC-003\n");
    expect(out).toContain("  note: estimateHours 1 from estimate S (XS=0.5h, S=1h, M=2h, L=4h, XL=8h); check it\n");
    expect(out).toContain("  files_to_create → files: lib/auth/sign-in.ts, app/api/v1/auth/sessions/route.ts\n");
    expect(out).toContain(".omoi_os/tasks/index.md → .omoi_os/predecessor/tasks/index.md\n");
    expect(out).toContain(".omoi_os/spec.md (new)\n  docs/prd-user-auth.md title → title: User authentication\n");
    expect(out).toContain(".omoi_os/config.yaml: missing; pass --project <id> to create it\n");
    expect(out).toMatch(/dry run: 12 files to write, 2 files to remove; originals kept in \.omoi_os\/predecessor\/; nothing was written\n$/);
    // Without a project to name, only a dry run goes ahead.
    expect(await h.run(["migrate"])).toMatchObject({ code: 2, stderr: expect.stringContaining("--project <id>") });
    expect(snapshot(h.dir)).toEqual(before);
  });

  it("rewrites the folder so that validate passes, with every endpoint, data model, dependency and estimate kept", async () => {
    const h = predecessorFolder();
    const migrated = await h.run(["migrate", "--project", "proj-1"]);
    expect(migrated.stderr).toBe("");
    expect(migrated).toMatchObject({ code: 0, stdout: expect.stringContaining("omoi validate: 0 errors") });
    expect(await h.run(["validate"])).toMatchObject({ code: 0, stdout: "12 files read (spec user-auth, 3 requirements, 1 design, 4 tasks, 3 tickets): 0 errors, 1 warning\n" });

    const root = path.join(h.dir, ".omoi_os");
    const { items } = readOmoiWorkspace(root, h.dir);
    const texts = Object.entries(snapshot(root)).filter(([rel]) => !rel.startsWith("predecessor/"));
    const everything = texts.map(([, text]) => text).join("\n");
    const [design] = Object.values(fixtureFrontmatter("designs")) as { api_endpoints: { method: string; path: string }[]; data_models: { name: string; typed_fields: { name: string }[] }[] }[];
    for (const endpoint of design!.api_endpoints) expect(items.design!.apiEndpoints).toContainEqual(expect.objectContaining({ method: endpoint.method, path: endpoint.path }));
    for (const model of design!.data_models) {
      expect(items.design!.dataModels.find((m) => m.name === model.name)?.fields.map((f) => f.name)).toEqual(model.typed_fields.map((f) => f.name));
    }
    const tickets = fixtureFrontmatter("tickets") as Record<string, { id: string; estimate: string; dependencies: { blocked_by?: string[]; blocks?: string[] } }>;
    for (const [name, old] of Object.entries(tickets)) {
      const ours = items.tickets.find((t) => t.id === old.id)!;
      for (const dep of old.dependencies.blocked_by ?? []) expect(ours.dependsOn).toContain(dep);
      for (const blocked of old.dependencies.blocks ?? []) expect(items.tickets.find((t) => t.id === blocked)!.dependsOn).toContain(old.id);
      expect(h.read(`tickets/${name}`)).toContain(`estimate: ${old.estimate}\n`);
    }
    const tasks = fixtureFrontmatter("tasks") as Record<string, { id: string; estimate: string; estimated_hours?: number; files_to_create?: string[]; files_to_modify?: string[]; dependencies: { depends_on: string[] } }>;
    for (const [name, old] of Object.entries(tasks)) {
      const ours = items.tasks.find((t) => t.id === old.id)!;
      if (old.estimated_hours) expect(ours.estimateHours).toBe(old.estimated_hours);
      expect(h.read(`tasks/${name}`)).toContain(`estimate: ${old.estimate}\n`);
      expect(ours.files).toEqual(expect.arrayContaining([...(old.files_to_create ?? []), ...(old.files_to_modify ?? [])]));
      for (const dep of old.dependencies.depends_on) expect(ours.dependsOn).toContain(dep);
    }
    expect(items.tasks.find((t) => t.id === "TSK-001")!.requirementRefs).toEqual(["REQ-AUTHFUNC-001", "REQ-AUTHFUNC-003"]);
    expect(items.requirements.map((r) => [r.id, r.earsType, r.priority, r.acceptanceCriteria.length])).toEqual([
      ["REQ-AUTHFUNC-001", "event_driven", "HIGH", 2],
      ["REQ-AUTHFUNC-002", "unwanted", "MEDIUM", 2],
      ["REQ-AUTHFUNC-003", "ubiquitous", "HIGH", 2],
    ]);
    // Nothing lost: every value of every predecessor frontmatter is somewhere in the migrated files (priorities
    // are upper-cased: "medium" is MEDIUM).
    for (const folder of ["docs", "requirements", "designs", "tickets", "tasks"]) {
      for (const [name, data] of Object.entries(fixtureFrontmatter(folder))) {
        for (const leaf of leaves(data)) expect(everything.toLowerCase(), `${folder}/${name}: ${leaf}`).toContain(leaf.toLowerCase());
      }
    }
    // The originals are kept, byte for byte.
    for (const rel of ["requirements/user-auth.md", "designs/user-auth.md", "tickets/TKT-002-sign-in-api.md", "tasks/index.md"]) {
      expect(fs.readFileSync(path.join(root, "predecessor", rel), "utf8")).toBe(fs.readFileSync(path.join(FIXTURE, rel), "utf8"));
    }
    expect(fs.existsSync(path.join(root, "requirements/user-auth.md"))).toBe(false);

    // Migrating again finds nothing to do.
    expect(await h.run(["migrate", "--dry-run"])).toMatchObject({ code: 0, stdout: "nothing to migrate: the files are in OmoiOS's format already\n" });
  });
});
