import { describe, expect, it } from "vitest";
import { parseDiff } from "react-diff-view";
import { languageOf, tokenizeHunks } from "./highlight";

const PATCH = `diff --git a/x.ts b/x.ts
--- a/x.ts
+++ b/x.ts
@@ -1,2 +1,2 @@
-const b = "x";
+const b = "y";
 export { b };
`;

/** Every class name in a line's tokens. */
const classesOf = (tokens: unknown): string[] => JSON.stringify(tokens).match(/"className":\[[^\]]*\]/g) ?? [];

describe("languageOf", () => {
  it("knows the languages by extension or file name, and nothing else", () => {
    expect(languageOf("src/app/page.tsx")).toBe("tsx");
    expect(languageOf("lib/x.TS")).toBe("typescript");
    expect(languageOf("Dockerfile")).toBe("docker");
    expect(languageOf("a/b/setup.py")).toBe("python");
    expect(languageOf("notes.txt")).toBeNull();
    expect(languageOf(".gitignore")).toBeNull();
  });
});

describe("tokenizeHunks", () => {
  it("highlights syntax with refractor 5 and marks the changed words", () => {
    const hunks = parseDiff(PATCH)[0]!.hunks;
    const tokens = tokenizeHunks(hunks, "x.ts");
    expect(tokens).not.toBeNull();
    const newLine = JSON.stringify(tokens!.new[0]);
    expect(classesOf(tokens!.new[0]).join(" ")).toContain("keyword");
    expect(newLine).toContain('"type":"edit"');
  });

  it("still marks edits in a file it cannot highlight", () => {
    const hunks = parseDiff(PATCH.replaceAll("x.ts", "x.unknown"))[0]!.hunks;
    expect(JSON.stringify(tokenizeHunks(hunks, "x.unknown")!.new[0])).toContain('"type":"edit"');
  });
});
