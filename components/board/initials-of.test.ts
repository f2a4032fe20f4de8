import { describe, expect, it } from "vitest";
import { initialsOf } from "@/components/board/initials-of";

describe("initialsOf", () => {
  it("takes the first letters of the first and last words", () => {
    expect(initialsOf("Grace Hopper")).toBe("GH");
    expect(initialsOf("  grace brewster murray hopper ")).toBe("GH");
    expect(initialsOf("Ada")).toBe("A");
    expect(initialsOf("Élodie Ürdün")).toBe("ÉÜ");
    expect(initialsOf("𝒜da Lovelace")).toBe("𝒜L");
    expect(initialsOf("   ")).toBe("?");
  });
});
