import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ToolError } from "@/lib/agent/agent-tool";
import { resolveInWorkspace } from "@/lib/agent/workspace/resolve-in-workspace";
import { createTempGitRepo, type TempGitRepo } from "@/lib/agent/workspace/temp-git-repo.test-support";

let repo: TempGitRepo;

beforeAll(() => {
  repo = createTempGitRepo({ "README.md": "# demo\n", "src/greet.ts": "export const greet = 1;\n" });
  fs.symlinkSync("../outside", path.join(repo.root, "escape"));
  fs.symlinkSync("src", path.join(repo.root, "source-link"));
  fs.symlinkSync("../outside/missing.txt", path.join(repo.root, "dangling"));
  fs.symlinkSync("repo", path.join(path.dirname(repo.root), "alias"));
});
afterAll(() => repo.cleanup());

const refused = (requested: string, message: RegExp, root = repo.root) =>
  expect(resolveInWorkspace(root, requested)).rejects.toSatisfy(
    (error: unknown) => error instanceof ToolError && message.test(error.message),
  );

describe("resolveInWorkspace", () => {
  it("resolves relative paths inside the workspace, existing or not", async () => {
    const real = fs.realpathSync(repo.root);
    await expect(resolveInWorkspace(repo.root, "src/greet.ts")).resolves.toMatchObject({
      absolute: path.join(real, "src/greet.ts"),
      relative: "src/greet.ts",
    });
    await expect(resolveInWorkspace(repo.root, "new/dir/file.ts")).resolves.toMatchObject({ relative: "new/dir/file.ts" });
    await expect(resolveInWorkspace(repo.root, "src/../README.md")).resolves.toMatchObject({ relative: "README.md" });
    await expect(resolveInWorkspace(repo.root, ".")).resolves.toMatchObject({ relative: "." });
  });

  it("refuses .. traversal out of the workspace", async () => {
    await refused("../../etc/passwd", /outside the workspace/);
    await refused("src/../../outside/secret.txt", /outside the workspace/);
    await refused("..", /outside the workspace/);
  });

  it("refuses absolute paths outside the workspace and accepts absolute paths inside it", async () => {
    await refused("/etc/passwd", /outside the workspace/);
    await refused(path.join(repo.outside, "secret.txt"), /outside the workspace/);
    await expect(resolveInWorkspace(repo.root, path.join(repo.root, "README.md"))).resolves.toMatchObject({ relative: "README.md" });
  });

  it("refuses symlinks whose real path escapes, for existing files and for files to be created", async () => {
    await refused("escape/secret.txt", /symlink/);
    await refused("escape", /symlink/);
    await refused("escape/new-file.txt", /symlink/);
    await refused("dangling", /symlink whose target does not exist/);
  });

  it("follows symlinks that stay inside, and a root given through a symlink", async () => {
    await expect(resolveInWorkspace(repo.root, "source-link/greet.ts")).resolves.toMatchObject({ relative: "src/greet.ts" });
    const alias = path.join(path.dirname(repo.root), "alias");
    await expect(resolveInWorkspace(alias, path.join(alias, "README.md"))).resolves.toMatchObject({ relative: "README.md" });
    await refused(path.join(alias, "..", "outside", "secret.txt"), /outside the workspace/, alias);
  });

  it("refuses empty paths and NUL bytes", async () => {
    await refused("", /path is required/);
    await refused("README.md\0.txt", /NUL/);
  });
});
