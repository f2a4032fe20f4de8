import { describe, expect, it } from "vitest";
import { mergeCommand, repoKind } from "./merge-instructions";

describe("repoKind", () => {
  it("tells GitHub, local paths and other remotes apart", () => {
    expect(repoKind("https://github.com/acme/shop.git")).toBe("github");
    expect(repoKind("git@github.com:acme/shop.git")).toBe("github");
    expect(repoKind("ssh://git@github.com/acme/shop")).toBe("github");
    expect(repoKind("https://gitlab.com/acme/shop.git")).toBe("remote");
    expect(repoKind("https://github.com.evil.example/acme/shop")).toBe("remote");
    expect(repoKind("/srv/repos/shop")).toBe("local");
    expect(repoKind("file:///srv/repos/shop")).toBe("local");
    expect(repoKind(null)).toBe("none");
    expect(repoKind("  ")).toBe("none");
  });
});

describe("mergeCommand", () => {
  it("merges the branch straight from a local repository", () => {
    expect(mergeCommand("/srv/repos/shop", "omoi/shop-1/spec-3")).toBe("git merge omoi/shop-1/spec-3");
  });

  it("fetches the branch under its own name from a remote first", () => {
    expect(mergeCommand("https://gitlab.com/acme/shop.git", "omoi/shop-1/spec-3")).toBe(
      "git fetch https://gitlab.com/acme/shop.git omoi/shop-1/spec-3:omoi/shop-1/spec-3 && git merge omoi/shop-1/spec-3",
    );
  });

  it("has no line for GitHub (the pull request is the way) or without a repository", () => {
    expect(mergeCommand("https://github.com/acme/shop", "b")).toBeNull();
    expect(mergeCommand(null, "b")).toBeNull();
  });
});
