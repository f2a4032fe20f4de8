import { describe, expect, it } from "vitest";
import { parseBoardScope, specIdOfScope } from "@/components/board/board-scope";

describe("board scope", () => {
  it("reads the scope search param, falling back to all", () => {
    expect(parseBoardScope(null)).toBe("all");
    expect(parseBoardScope("mine")).toBe("mine");
    expect(parseBoardScope("unassigned")).toBe("unassigned");
    expect(parseBoardScope("spec:abc-1")).toBe("spec:abc-1");
    expect(parseBoardScope("spec:")).toBe("all");
    expect(parseBoardScope("everything")).toBe("all");
  });

  it("names the spec of a spec scope", () => {
    expect(specIdOfScope("spec:abc")).toBe("abc");
    expect(specIdOfScope("mine")).toBeNull();
  });
});
