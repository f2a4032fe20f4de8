import { describe, expect, it } from "vitest";
import { parsePatchHeaderPath } from "@/lib/repos/parse-patch-header-path";

describe("parsePatchHeaderPath", () => {
  it("names a patch by its new path: rename or copy target, +++ side, --- side for a deletion", () => {
    expect(parsePatchHeaderPath(["diff --git a/old.ts b/new.ts", "similarity index 90%", "rename from old.ts", "rename to new.ts", "--- a/old.ts", "+++ b/new.ts"])).toBe("new.ts");
    expect(parsePatchHeaderPath(["diff --git a/a.ts b/c.ts", "copy from a.ts", "copy to c.ts"])).toBe("c.ts");
    expect(parsePatchHeaderPath(["diff --git a/x b/x", "index 1..2 100644", "--- a/x", "+++ b/x"])).toBe("x");
    expect(parsePatchHeaderPath(["diff --git a/gone b/gone", "deleted file mode 100644", "--- a/gone", "+++ /dev/null"])).toBe("gone");
  });

  it("reads paths with spaces (git's trailing tab), quotes and escapes, and header-only patches", () => {
    expect(parsePatchHeaderPath(["diff --git a/a b.txt b/a b.txt", "--- a/a b.txt\t", "+++ b/a b.txt\t"])).toBe("a b.txt");
    expect(parsePatchHeaderPath(['diff --git "a/t\\tq\\"x" "b/t\\tq\\"x"', "new file mode 100644", "--- /dev/null", '+++ "b/t\\tq\\"x"'])).toBe('t\tq"x');
    // core.quotePath=true would write bytes as octal escapes: they are UTF-8 put back together.
    expect(parsePatchHeaderPath(["diff --git a/x b/x", '+++ "b/caf\\303\\251 \\360\\237\\231\\202.md"'])).toBe("café 🙂.md");
    expect(parsePatchHeaderPath(["diff --git a/dir b/run.sh b/dir b/run.sh", "old mode 100644", "new mode 100755"])).toBe("dir b/run.sh");
    expect(parsePatchHeaderPath(['diff --git "a/new\\nline" "b/new\\nline"', "new file mode 100644", "index 0000000..e69de29"])).toBe("new\nline");
    expect(parsePatchHeaderPath(["diff --git a/x b/y"])).toBeNull();
  });
});
