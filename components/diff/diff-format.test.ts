import { describe, expect, it } from "vitest";
import { changeCounts, changeCountsLabel, isFileLoaded, omittedSummary, shortSha, startsCollapsed } from "./diff-format";
import { commentStatusText } from "./line-comments";

describe("diff wording", () => {
  it("summarizes files without a patch", () => {
    expect(omittedSummary({ omitted: "binary", additions: 0, deletions: 0 })).toBe("Binary file");
    expect(omittedSummary({ omitted: "too_large", additions: 5000, deletions: 12 })).toBe("Too large to show: +5000 −12");
    expect(omittedSummary({ omitted: null, additions: 1, deletions: 1 })).toBeNull();
    expect(omittedSummary({ omitted: "not_on_page", additions: 1, deletions: 1 })).toBeNull();
    expect(isFileLoaded({ omitted: "not_on_page" })).toBe(false);
    expect(isFileLoaded({ omitted: "too_large" })).toBe(true);
  });

  it("counts changes for the eye and for screen readers", () => {
    expect(changeCounts(3, 1)).toBe("+3 −1");
    expect(changeCountsLabel(1, 2)).toBe("1 addition, 2 deletions");
  });

  it("shortens shas and folds lock files", () => {
    expect(shortSha("0123456789abcdef")).toBe("0123456");
    expect(startsCollapsed("package-lock.json")).toBe(true);
    expect(startsCollapsed("web/pnpm-lock.yaml")).toBe(true);
    expect(startsCollapsed("src/lock.ts")).toBe(false);
  });

  it("says whether a comment is open or which commit addressed it", () => {
    expect(commentStatusText({ status: "open", addressedSha: null })).toBe("Open");
    expect(commentStatusText({ status: "addressed", addressedSha: "fedcba9876543210" })).toBe("Addressed in fedcba9");
  });
});
