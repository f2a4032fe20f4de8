import { describe, expect, it } from "vitest";
import { isLineInDiff } from "@/lib/repos/is-line-in-diff";

const EDITED = `diff --git a/a.ts b/a.ts
index 1111111..2222222 100644
--- a/a.ts
+++ b/a.ts
@@ -10,4 +10,5 @@ function greet() {
 const a = 1;
-const b = 2;
+const b = 3;
+const c = 4;
 const d = 5;
@@ -40 +41 @@
-old single line
+new single line
`;

describe("isLineInDiff", () => {
  it("is true for context and changed lines of a hunk on the side asked, false outside every hunk", () => {
    // New side: 10..14 (first hunk), 41 (second, count omitted = 1).
    expect([9, 10, 12, 14, 15, 40, 41, 42].map((line) => isLineInDiff(EDITED, line, "new"))).toEqual([false, true, true, true, false, false, true, false]);
    // Old side: 10..13, 40.
    expect([9, 10, 13, 14, 39, 40, 41].map((line) => isLineInDiff(EDITED, line, "old"))).toEqual([false, true, true, false, false, true, false]);
  });

  it("knows a created file has no old side and a deleted one no new side", () => {
    const created = "diff --git a/n.txt b/n.txt\nnew file mode 100644\n--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n";
    expect([isLineInDiff(created, 1, "new"), isLineInDiff(created, 2, "new"), isLineInDiff(created, 3, "new")]).toEqual([true, true, false]);
    expect([isLineInDiff(created, 0, "old"), isLineInDiff(created, 1, "old")]).toEqual([false, false]);
    const deleted = "diff --git a/d.txt b/d.txt\ndeleted file mode 100644\n--- a/d.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n";
    expect([isLineInDiff(deleted, 1, "old"), isLineInDiff(deleted, 1, "new")]).toEqual([true, false]);
  });

  it("is false for a patch without hunks (binary, mode change, empty) and for lines that are no line numbers", () => {
    expect(isLineInDiff("diff --git a/x.png b/x.png\nBinary files a/x.png and b/x.png differ\n", 1, "new")).toBe(false);
    expect(isLineInDiff("", 1, "new")).toBe(false);
    expect([0, -1, 1.5, Number.NaN].map((line) => isLineInDiff(EDITED, line, "new"))).toEqual([false, false, false, false]);
    // Text that only looks like a hunk header inside a line is not one.
    expect(isLineInDiff("+x @@ -1,100 +1,100 @@\n", 5, "new")).toBe(false);
  });
});
