import { describe, expect, it } from "vitest";
import type { DiffFile } from "@/lib/repos/diff-schemas";
import { buildFileTree, type FileTreeNode } from "./file-tree";

const file = (path: string, additions = 1, deletions = 0): DiffFile => ({
  path,
  oldPath: null,
  status: "modified",
  additions,
  deletions,
  binary: false,
  patch: null,
  omitted: "not_on_page",
});

/** The tree as indented lines, which reads better in a failure than nested objects. */
function outline(nodes: readonly FileTreeNode[], depth = 0): string[] {
  return nodes.flatMap((node) =>
    node.kind === "file"
      ? [`${"  ".repeat(depth)}${node.name} #${node.index}`]
      : [`${"  ".repeat(depth)}${node.name}/ +${node.additions} -${node.deletions}`, ...outline(node.children, depth + 1)],
  );
}

describe("buildFileTree", () => {
  it("groups files by folder, folders first, and keeps each file's index in the diff", () => {
    const files = [file("README.md"), file("src/b.ts", 2, 1), file("src/a.ts", 3), file("src/lib/x.ts", 1, 4)];
    expect(outline(buildFileTree(files))).toEqual([
      "src/ +6 -5",
      "  lib/ +1 -4",
      "    x.ts #3",
      "  a.ts #2",
      "  b.ts #1",
      "README.md #0",
    ]);
  });

  it("merges chains of single-folder folders into one row", () => {
    const files = [file("app/api/v1/tickets/route.ts"), file("app/api/v1/specs/route.ts")];
    expect(outline(buildFileTree(files))).toEqual(["app/api/v1/ +2 -0", "  specs/ +1 -0", "    route.ts #1", "  tickets/ +1 -0", "    route.ts #0"]);
  });

  it("gives merged folders their full path and sorts names naturally", () => {
    const [folder] = buildFileTree([file("a/b/c10.ts"), file("a/b/c9.ts")]);
    expect(folder).toMatchObject({ kind: "folder", name: "a/b", path: "a/b" });
    expect(outline(folder && folder.kind === "folder" ? folder.children : [])).toEqual(["c9.ts #1", "c10.ts #0"]);
  });

  it("is empty for no files", () => {
    expect(buildFileTree([])).toEqual([]);
  });
});
