import { describe, expect, it } from "vitest";
import { parseDiff, type ChangeData } from "react-diff-view";
import type { ReviewCommentDto } from "@/lib/tickets/review-schemas";
import { changeKeyOf, commentTarget, lineName, placeComments } from "./comment-anchors";

const PATCH = `diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -1,3 +1,4 @@
 const a = 1;
-const b = "x";
+const b = "y";
+const c = 3;
 export { a };
`;
const [parsed] = parseDiff(PATCH);
const hunks = parsed!.hunks;
const [normal, removed, added] = hunks[0]!.changes.slice(0, 3).map((change) => change!) as [ChangeData, ChangeData, ChangeData];

const comment = (id: string, line: number, side: "old" | "new"): ReviewCommentDto => ({
  id,
  path: "src/a.ts",
  line,
  side,
  body: "why?",
  status: "open",
  commitSha: "abc",
  addressedSha: null,
  sentAt: null,
  author: null,
  createdAt: "2026-01-01T00:00:00.000Z",
});

describe("commentTarget", () => {
  it("puts one button per line: removed lines on the old side, added and unchanged ones on the new", () => {
    expect(commentTarget(removed, "old")).toEqual({ line: 2, side: "old" });
    expect(commentTarget(removed, "new")).toBeNull();
    expect(commentTarget(added, "new")).toEqual({ line: 2, side: "new" });
    expect(commentTarget(added, "old")).toBeNull();
    expect(commentTarget(normal, "new")).toEqual({ line: 1, side: "new" });
    expect(commentTarget(normal, "old")).toBeNull();
  });
});

describe("changeKeyOf", () => {
  it("finds the row of a line on either side, unchanged lines by their new number", () => {
    expect(changeKeyOf(hunks, { line: 2, side: "old" })).toBe("D2");
    expect(changeKeyOf(hunks, { line: 3, side: "new" })).toBe("I3");
    // "export { a }" is line 3 of the old file and line 4 of the new one; its key is its old number.
    expect(changeKeyOf(hunks, { line: 4, side: "new" })).toBe("N3");
    expect(changeKeyOf(hunks, { line: 3, side: "old" })).toBe("N3");
    expect(changeKeyOf(hunks, { line: 40, side: "new" })).toBeNull();
  });
});

describe("placeComments", () => {
  it("groups comments under their rows and keeps those whose line left the diff apart", () => {
    const { byChange, unplaced } = placeComments(hunks, [comment("1", 3, "new"), comment("2", 3, "new"), comment("3", 2, "old"), comment("4", 99, "new")]);
    expect(byChange.get("I3")?.map((c) => c.id)).toEqual(["1", "2"]);
    expect(byChange.get("D2")?.map((c) => c.id)).toEqual(["3"]);
    expect(unplaced.map((c) => c.id)).toEqual(["4"]);
  });
});

describe("lineName", () => {
  it("names a removed line apart from the new file's line of the same number", () => {
    expect(lineName("src/a.ts", { line: 2, side: "new" })).toBe("src/a.ts line 2");
    expect(lineName("src/a.ts", { line: 2, side: "old" })).toBe("src/a.ts removed line 2");
  });
});
