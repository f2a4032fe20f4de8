import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliHarness, removeHarnessDirs, type CliHarness } from "@/test/cli/cli-harness";
import { startCliTestServer, type CliTestServer } from "@/test/cli/cli-test-server";
import { createTestApiKey, createTestProject, createTestUser } from "@/test/factories";

let server: CliTestServer;
beforeAll(async () => {
  server = await startCliTestServer();
});
afterAll(async () => {
  await server.close();
  removeHarnessDirs();
});

const fm = (fields: string, body = "") => `---\n${fields.trim()}\n---\n\n${body}\n`;
const ticket = (id: string, more = "") => fm(`id: ${id}\ntitle: Ticket ${id}\n${more}`, "Work.");

/** A "billion laughs" frontmatter: nine levels of nine aliases each, a few hundred bytes that expand to 9^9 items. */
function aliasBomb(): string {
  const levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
  const lines = levels.map((name, i) => (i === 0 ? `${name}: &${name} [lol, lol, lol, lol, lol, lol, lol, lol, lol]` : `${name}: &${name} [${Array(9).fill(`*${levels[i - 1]}`).join(", ")}]`));
  return `---\nid: TKT-002\ntitle: Bomb\n${lines.join("\n")}\n---\n`;
}

/** A project with an API key and a harness whose config.yaml names it. */
async function harness(): Promise<CliHarness> {
  const owner = await createTestUser();
  const project = await createTestProject(owner.id, { autoExecuteTickets: false });
  const { key } = await createTestApiKey(owner.id);
  const h = cliHarness({ OMOIOS_API_URL: server.url, OMOIOS_API_KEY: key });
  h.write("config.yaml", `project: ${project.id}\n`);
  return h;
}

describe("omoi validate on hostile and broken files", () => {
  it("reports an alias bomb, malformed YAML, runaway nesting and a huge file as file:line errors of their own, and still diagnoses every other file", async () => {
    const h = await harness();
    h.write("tickets/TKT-001.md", ticket("TKT-001", "priority: urgent"));
    h.write("tickets/TKT-002.md", aliasBomb());
    h.write("tickets/TKT-003.md", fm("id: TKT-003\ntitle: [unclosed"));
    h.write("tickets/TKT-004.md", fm(`id: TKT-004\ntitle: Deep\nx: ${"[".repeat(50_000)}${"]".repeat(50_000)}`));
    h.write("tickets/TKT-005.md", `${fm("id: TKT-005\ntitle: Huge")}${"x".repeat(1_100_000)}\n`);
    h.write("tickets/TKT-006.md", ticket("TKT-006", "dependsOn: [TKT-009]"));
    h.write("tickets/TKT-007.md", ticket("TKT-007", "colour: red"));
    h.write("tickets/TKT-008.md", ticket("TKT-008"));

    const started = Date.now();
    const result = await h.run(["validate"]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain("unexpected error");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        '.omoi_os/tickets/TKT-001.md:4: priority: Invalid option: expected one of "LOW"|"MEDIUM"|"HIGH"|"CRITICAL"',
        ".omoi_os/tickets/TKT-002.md:5: invalid YAML: its aliases (*name) expand to too much data (more than 100 uses); write the values out",
        expect.stringMatching(/^\.omoi_os\/tickets\/TKT-003\.md:3: invalid YAML: /),
        ".omoi_os/tickets/TKT-004.md:4: invalid YAML: nested more than 64 levels deep; flatten the YAML",
        ".omoi_os/tickets/TKT-005.md:1: the file is 1075 KiB; at most 1024 KiB are read (split it)",
        ".omoi_os/tickets/TKT-006.md:4: warning: TKT-009 is not in .omoi_os/tickets (the server must know it)",
        '.omoi_os/tickets/TKT-007.md:4: unknown field "colour": its content would be lost; move it into the body, or remove it',
      ]),
    );
    expect(result.stdout).toBe("8 files read (no spec, 0 requirements, 0 designs, 0 tasks, 3 tickets): 6 errors, 1 warning\n");
    // A push checks the same way and sends nothing.
    expect(await h.run(["sync", "push", "--dry-run"])).toMatchObject({ code: 1, stderr: expect.stringContaining("nothing was pushed") });
  });

  it("escapes control characters (ESC, CR, LF, U+202E) of file names in every line it prints, locally and from the server", async () => {
    const h = await harness();
    const names = ["TKT-001\u001b[31mred.md", "TKT-002\r\nfake.md", "TKT-003\u202eevil.md"];
    h.write(`tickets/${names[0]}`, ticket("TKT-001", "colour: red"));
    h.write(`tickets/${names[1]}`, ticket("TKT-002", "dependsOn: [TKT-009]"));
    h.write(`tickets/${names[2]}`, "no frontmatter\n");
    const validated = await h.run(["validate"]);
    const lines = validated.stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      '.omoi_os/tickets/TKT-001\\x1b[31mred.md:4: unknown field "colour": its content would be lost; move it into the body, or remove it',
      ".omoi_os/tickets/TKT-002\\r\\nfake.md:4: warning: TKT-009 is not in .omoi_os/tickets (the server must know it)",
      ".omoi_os/tickets/TKT-003\\u202eevil.md:1: missing YAML frontmatter: start the file with a line `---`",
    ]);
    for (const output of [validated.stdout, validated.stderr]) expect(output).not.toMatch(/[\u001b\r\u202e]/);

    // The server's plan names the files it was sent: escaped there (the `file` of a push), and again when printed.
    h.write(`tickets/${names[0]}`, ticket("TKT-001"));
    h.write(`tickets/${names[2]}`, ticket("TKT-003"));
    h.write("tickets/TKT-009.md", ticket("TKT-009"));
    const dry = await h.run(["sync", "push", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("create    ticket TKT-001  tickets/TKT-001\\x1b[31mred.md\n");
    expect(dry.stdout).toContain("create    ticket TKT-002  tickets/TKT-002\\r\\nfake.md\n");
    expect(dry.stdout).toContain("create    ticket TKT-003  tickets/TKT-003\\u202eevil.md\n");
    for (const output of [dry.stdout, dry.stderr]) expect(output).not.toMatch(/[\u001b\r\u202e]/);
  });

  it("validates a chain of 6,000 tickets (T1 ← T2 ← … ← T6000) and the server plans its push, without overflowing the stack", async () => {
    const h = await harness();
    const id = (n: number) => `TKT-${String(n).padStart(4, "0")}`;
    for (let n = 1; n <= 6000; n++) h.write(`tickets/${id(n)}.md`, `---\nid: ${id(n)}\ntitle: Step ${n}\ndependsOn: [${n > 1 ? id(n - 1) : ""}]\n---\n`);
    const validated = await h.run(["validate"]);
    expect(validated).toEqual({ code: 0, stderr: "", stdout: "6000 files read (no spec, 0 requirements, 0 designs, 0 tasks, 6000 tickets): 0 errors, 0 warnings\n" });
    const dry = await h.run(["sync", "push", "--dry-run"]);
    expect(dry.stderr).toBe("");
    expect(dry.stdout).toContain("dry run for project");
    expect(dry.stdout).toContain("6000 to create, 0 to update, 0 unchanged; nothing was written");

    // A cycle through the whole chain is still found, once.
    h.write(`tickets/${id(1)}.md`, `---\nid: ${id(1)}\ntitle: Step 1\ndependsOn: [${id(6000)}]\n---\n`);
    const cyclic = await h.run(["validate"]);
    expect(cyclic.code).toBe(1);
    expect(cyclic.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^\.omoi_os\/tickets\/TKT-0001\.md:4: dependency cycle TKT-0001 → .* → TKT-0001; a ticket cannot wait for itself$/)]);
  }, 120_000);
});
