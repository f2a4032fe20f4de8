import { describe, expect, it } from "vitest";
import { countProseWords, isMostlyPlaceholders } from "@/lib/specs/phases/substance/count-prose-words";
import { isPlaceholderText } from "@/lib/specs/phases/substance/is-placeholder";
import { judgeCriteria } from "@/lib/specs/phases/substance/judge-criteria";

describe("placeholders and substance", () => {
  it.each(["", " ", "TBD", "tbd.", "Tbd!", "TODO", "todo: fill in", "…", "...", "N/A", "n/a", "-", "--", "?", "???", "FIXME later", "To be determined", "none"])(
    "%j is a placeholder",
    (text) => expect(isPlaceholderText(text)).toBe(true),
  );

  it.each(["Returns 404 for an unknown id", "N/A values are shown as a dash", "TBD-free docs", "? marks optional fields in the form", "todos are listed by date"])(
    "%j is not",
    (text) => expect(isPlaceholderText(text)).toBe(false),
  );

  it("judges criteria by distinct checkable content", () => {
    expect(judgeCriteria(["Shows the error", "shows the  error.", "TBD", "Keeps the input"])).toEqual({ placeholders: [3], duplicates: ["shows the  error."], checkable: 2 });
  });

  it("counts real and placeholder words of prose, and calls a TODO skeleton mostly placeholders", () => {
    const skeleton = countProseWords(`## Overview\n${"TODO\n".repeat(40)}`);
    expect(skeleton).toMatchObject({ real: 1, placeholders: 40 });
    expect(isMostlyPlaceholders(skeleton)).toBe(true);
    const prose = countProseWords("The route validates the theme (TODO: confirm the values) and stores it on the user, then renders it at once.");
    expect(prose.placeholders).toBe(1);
    expect(isMostlyPlaceholders(prose)).toBe(false);
  });
});
