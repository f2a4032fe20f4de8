import { describe, expect, it } from "vitest";
import type { DiffDto, DiffFile } from "@/lib/repos/diff-schemas";
import { mergeDiffPages } from "./merge-diff-pages";

const file = (path: string, loaded: boolean): DiffFile => ({
  path,
  oldPath: null,
  status: "modified",
  additions: 1,
  deletions: 1,
  binary: false,
  patch: loaded ? `diff --git a/${path} b/${path}\n` : null,
  omitted: loaded ? null : "not_on_page",
});

const page = (offset: number, loaded: string[], nextOffset: number | null, head = "h1"): DiffDto => ({
  base: "b1",
  head,
  baseLabel: "main",
  headLabel: "omoi/x/spec-1",
  totals: { files: 3, additions: 3, deletions: 3 },
  files: ["a.ts", "b.ts", "c.ts"].map((path) => file(path, loaded.includes(path))),
  commits: [],
  page: { offset, limit: 1, nextOffset },
});

describe("mergeDiffPages", () => {
  it("takes each file from the page that loaded it and the paging of the last page", () => {
    const merged = mergeDiffPages([page(0, ["a.ts"], 1), page(1, ["b.ts"], 2)]);
    expect(merged?.files.map((f) => f.omitted)).toEqual([null, null, "not_on_page"]);
    expect(merged?.files[1]?.patch).toContain("b.ts");
    expect(merged?.page).toEqual({ offset: 1, limit: 1, nextOffset: 2 });
  });

  it("keeps a file's reason for having no patch (binary, too large) as loaded", () => {
    const second = page(1, [], null);
    second.files[1] = { ...second.files[1]!, omitted: "binary", binary: true };
    expect(mergeDiffPages([page(0, ["a.ts"], 1), second])?.files[1]?.omitted).toBe("binary");
  });

  it("ignores pages of another comparison (the branch moved between pages)", () => {
    const merged = mergeDiffPages([page(0, ["a.ts"], 1), page(1, ["b.ts"], 2, "h2")]);
    expect(merged?.files[1]?.omitted).toBe("not_on_page");
    expect(merged?.head).toBe("h1");
  });

  it("is undefined without pages", () => {
    expect(mergeDiffPages([])).toBeUndefined();
  });
});
