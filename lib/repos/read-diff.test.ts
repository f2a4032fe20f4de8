import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffDtoSchema, diffQuerySchema, MAX_FILE_PATCH_BYTES, type DiffDto } from "@/lib/repos/diff-schemas";
import { readDiff } from "@/lib/repos/read-diff";

// readDiff against real repositories: a work repository where the commits are made, pushed into a bare one that
// stands for the project's mirror (readDiff only ever sees the bare one).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "omoios-read-diff-"));
const work = path.join(tmp, "work");
const mirror = path.join(tmp, "mirror.git");
const SPACED = "docs/a file é 日本.md";
const QUOTED = 'odd "quoted"\tname.txt';
let base: string;
let head: string;

const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=Dev", "-c", "user.email=dev@example.test", "-c", "commit.gpgsign=false", ...args], { cwd: work, encoding: "utf8", stdio: "pipe" }).trim();
const write = (file: string, content: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
  fs.writeFileSync(path.join(work, file), content);
};
const lines = (count: number, word = "line") => Array.from({ length: count }, (_, i) => `${word} ${i + 1}`).join("\n") + "\n";
const query = (q: Record<string, unknown> = {}) => diffQuerySchema.parse(q);
const diff = (q: Record<string, unknown> = {}, range = { base, head }) => readDiff({ gitDir: mirror, ...range, baseLabel: "main", headLabel: "omoi/x/OMOI-1", query: query(q) });
const file = (dto: DiffDto, name: string) => dto.files.find((f) => f.path === name)!;

beforeAll(() => {
  fs.mkdirSync(work);
  git("init", "-q", "-b", "main");
  write("src/moved-from.ts", lines(40, "export const value ="));
  write("gone.txt", "to be deleted\n");
  write("logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  write("huge.txt", "small\n");
  write("edited.ts", lines(100));
  write("dir b/run.sh", "echo hi\n");
  for (let i = 0; i < 30; i++) write(`many/f${String(i).padStart(2, "0")}.txt`, `file ${i}\n`);
  git("add", "-A");
  git("commit", "-q", "-m", "base");
  base = git("rev-parse", "HEAD");

  git("mv", "src/moved-from.ts", "src/moved-to.ts");
  fs.appendFileSync(path.join(work, "src/moved-to.ts"), "export const extra = 1;\n");
  git("rm", "-q", "gone.txt");
  write("logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 9, 9, 9]));
  write("huge.txt", lines(5000, "generated"));
  write("edited.ts", lines(100).replace("line 50\n", "line fifty\n"));
  write(SPACED, "# Hello\n");
  write(QUOTED, "quoted\n");
  write("*.ts", "a file whose name is a glob\n");
  write("empty new.txt", "");
  fs.chmodSync(path.join(work, "dir b/run.sh"), 0o755);
  for (let i = 0; i < 30; i++) write(`many/f${String(i).padStart(2, "0")}.txt`, `file ${i} changed\n`);
  git("add", "-A");
  git("commit", "-q", "-m", "first change");
  write("edited.ts", lines(100).replace("line 50\n", "line fifty\n").replace("line 90\n", "line ninety\n"));
  git("commit", "-q", "-am", "second change");
  head = git("rev-parse", "HEAD");
  execFileSync("git", ["init", "-q", "--bare", mirror]);
  git("push", "-q", mirror, "main:refs/heads/main");
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("readDiff", () => {
  it("lists every file with its numbers in path order, renames, deletions and binaries included, and the commits", async () => {
    const dto = diffDtoSchema.parse(await diff({ limit: 100 }));
    expect(dto).toMatchObject({ base, head, baseLabel: "main", headLabel: "omoi/x/OMOI-1" });
    expect(dto.files.map((f) => f.path)).toEqual([...dto.files.map((f) => f.path)].sort());
    expect(dto.totals.files).toBe(40);
    expect(file(dto, "src/moved-to.ts")).toMatchObject({ oldPath: "src/moved-from.ts", status: "renamed", additions: 1, deletions: 0, omitted: null });
    expect(file(dto, "src/moved-to.ts").patch).toMatch(/^diff --git a\/src\/moved-from\.ts b\/src\/moved-to\.ts\n[\s\S]*rename to src\/moved-to\.ts\n[\s\S]*\+export const extra = 1;\n$/);
    expect(file(dto, "gone.txt")).toMatchObject({ status: "deleted", additions: 0, deletions: 1, patch: expect.stringContaining("-to be deleted") });
    expect(file(dto, "logo.png")).toMatchObject({ status: "modified", binary: true, additions: 0, deletions: 0, patch: null, omitted: "binary" });
    expect(file(dto, "huge.txt")).toMatchObject({ additions: 5000, deletions: 1, patch: null, omitted: "too_large" });
    expect(file(dto, "edited.ts")).toMatchObject({ additions: 2, deletions: 2 });
    expect(file(dto, "edited.ts").patch!.match(/^@@/gm)).toHaveLength(2);
    expect(file(dto, SPACED)).toMatchObject({ status: "added", additions: 1, patch: expect.stringContaining("+# Hello") });
    expect(file(dto, QUOTED)).toMatchObject({ status: "added", patch: expect.stringContaining("+quoted") });
    // A glob-looking name is asked for literally: its patch is its own, not every .ts file's.
    expect(file(dto, "*.ts").patch).toMatch(/^diff --git a\/\*\.ts b\/\*\.ts\n(?![\s\S]*diff --git)/);
    // Header-only patches (a mode change, an empty file) are named from their `diff --git a/P b/P` line, " b/" and all.
    expect(file(dto, "dir b/run.sh")).toMatchObject({ status: "modified", additions: 0, patch: expect.stringMatching(/^diff --git a\/dir b\/run\.sh b\/dir b\/run\.sh\nold mode 100644\nnew mode 100755\n$/) });
    expect(file(dto, "empty new.txt")).toMatchObject({ status: "added", additions: 0, patch: expect.stringContaining("new file mode") });
    const sums = dto.files.reduce((t, f) => ({ additions: t.additions + f.additions, deletions: t.deletions + f.deletions }), { additions: 0, deletions: 0 });
    expect(dto.totals).toMatchObject(sums);
    expect(dto.commits.map((c) => c.subject)).toEqual(["first change", "second change"]);
    expect(dto.commits[1]).toMatchObject({ sha: head, author: "Dev", date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(dto.page).toEqual({ offset: 0, limit: 100, nextOffset: null });
  });

  it("sends patches for one page of files only, and says where the next page starts", async () => {
    const first = await diff({ limit: 20 });
    expect(first.files).toHaveLength(40);
    expect(first.page).toEqual({ offset: 0, limit: 20, nextOffset: 20 });
    const withPatch = (dto: DiffDto) => dto.files.filter((f) => f.omitted !== "not_on_page").map((f) => f.path);
    expect(withPatch(first)).toEqual(first.files.slice(0, 20).map((f) => f.path));
    expect(first.files.slice(20).every((f) => f.patch === null && f.omitted === "not_on_page")).toBe(true);
    const last = await diff({ offset: 20, limit: 20 });
    expect(last.page).toEqual({ offset: 20, limit: 20, nextOffset: null });
    expect(withPatch(last)).toEqual(last.files.slice(20).map((f) => f.path));
    expect((await diff({ offset: 500 })).files.every((f) => f.omitted === "not_on_page")).toBe(true);
  });

  it("reads one file's patch alone when asked by path (its new path or a rename's old one)", async () => {
    const one = await diff({ path: "src/moved-to.ts" });
    const index = one.files.findIndex((f) => f.path === "src/moved-to.ts");
    expect(one.page).toEqual({ offset: index, limit: 1, nextOffset: index + 1 < one.files.length ? index + 1 : null });
    expect((await diff({ path: "edited.ts" })).page).toMatchObject({ limit: 1, nextOffset: expect.any(Number) });
    expect(one.files.filter((f) => f.patch !== null).map((f) => f.path)).toEqual(["src/moved-to.ts"]);
    expect((await diff({ path: "src/moved-from.ts" })).files[index]!.patch).toContain("rename from");
    expect(file(await diff({ path: SPACED }), SPACED).patch).toContain("+# Hello");
    await expect(diff({ path: "--output=/tmp/x" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("drops a patch past the byte cap even when its line count is small", async () => {
    const wide = fs.mkdtempSync(path.join(tmp, "wide-"));
    const run = (...args: string[]) => execFileSync("git", ["-c", "user.name=Dev", "-c", "user.email=dev@example.test", ...args], { cwd: wide, encoding: "utf8" }).trim();
    run("init", "-q", "-b", "main");
    fs.writeFileSync(path.join(wide, "a.txt"), "a\n");
    run("add", "-A");
    run("commit", "-q", "-m", "a");
    const from = run("rev-parse", "HEAD");
    fs.writeFileSync(path.join(wide, "min.js"), `${"x".repeat(MAX_FILE_PATCH_BYTES + 10)}\nshort\n`);
    fs.writeFileSync(path.join(wide, "wide.txt"), lines(2000, "y".repeat(200)));
    fs.writeFileSync(path.join(wide, "z.txt"), "after the wide one\n");
    run("add", "-A");
    run("commit", "-q", "-m", "b");
    const dto = await readDiff({ gitDir: path.join(wide, ".git"), base: from, head: run("rev-parse", "HEAD"), baseLabel: "a", headLabel: "b", query: query() });
    expect(file(dto, "min.js")).toMatchObject({ additions: 2, patch: null, omitted: "too_large" });
    expect(file(dto, "wide.txt")).toMatchObject({ additions: 2000, patch: null, omitted: "too_large" });
    expect(file(dto, "z.txt").patch).toContain("+after the wide one");
  });

  it("is empty before there is anything to compare; refuses non-ids; a commit the mirror lacks is a conflict", async () => {
    const empty = await diff({}, { base: null as never, head: null as never });
    expect(diffDtoSchema.parse(empty)).toMatchObject({ base: null, head: null, files: [], commits: [], totals: { files: 0 }, page: { nextOffset: null } });
    await expect(diff({}, { base: "--output=/tmp/x", head })).rejects.toThrow(/full commit ids/);
    await expect(diff({}, { base: base.slice(0, 12), head })).rejects.toThrow(/full commit ids/);
    await expect(diff({}, { base, head: "0".repeat(40) })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/no longer holds commit 000000000000/) });
  });
});
