import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env";
import { githubOwnerOf, gitEnv } from "@/lib/repos/git-env";

const run = promisify(execFile);
const TOKEN = "ghp_server_token_0123456789abcdef";

/** The value of git's environment config `key`, if set. */
function gitConfig(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const count = Number(env.GIT_CONFIG_COUNT ?? 0);
  for (let i = 0; i < count; i++) if (env[`GIT_CONFIG_KEY_${i}`] === key) return env[`GIT_CONFIG_VALUE_${i}`];
  return undefined;
}
const carriesToken = (env: NodeJS.ProcessEnv) => JSON.stringify(env).includes(Buffer.from(`x-access-token:${TOKEN}`).toString("base64"));

afterEach(() => {
  delete process.env.GITHUB_ALLOWED_OWNERS;
  reloadEnv();
});

describe("the environment of the server's git processes", () => {
  it("carries the GitHub token only for https://github.com/<owner>/… of an allowed owner, scoped to that owner", () => {
    const allowed = ["acme"];
    const env = gitEnv(TOKEN, "https://github.com/Acme/shop.git", allowed);
    expect(gitConfig(env, "http.https://github.com/Acme/.extraheader")).toMatch(/^AUTHORIZATION: basic /);
    for (const url of [
      "https://github.com/someone-else/shop.git",
      "https://github.com/acme-evil/shop.git",
      "https://github.com.evil.example/acme/shop.git",
      "https://github.com:8443/acme/shop.git",
      "https://x@github.com/acme/shop.git",
      "http://github.com/acme/shop.git",
      "git@github.com:acme/shop.git",
      "/srv/repos/acme",
    ]) {
      expect(carriesToken(gitEnv(TOKEN, url, allowed)), url).toBe(false);
    }
    // No owners configured (the default): never.
    expect(carriesToken(gitEnv(TOKEN, "https://github.com/acme/shop.git"))).toBe(false);
    process.env.GITHUB_ALLOWED_OWNERS = " Acme , other ";
    reloadEnv();
    expect(carriesToken(gitEnv(TOKEN, "https://github.com/acme/shop.git"))).toBe(true);
    expect(carriesToken(gitEnv(TOKEN, "https://github.com/third/shop.git"))).toBe(false);
  });

  it("reads GitHub owners only from plain URLs", () => {
    expect(githubOwnerOf("https://github.com/acme/shop")).toBe("acme");
    expect(githubOwnerOf("https://github.com/acme/../other/shop")).toBe("other");
    expect(githubOwnerOf("https://github.com/%61cme/shop")).toBeNull();
    expect(githubOwnerOf("https://user:pw@github.com/acme/shop")).toBeNull();
  });

  it("allows https for a URL and file only for local paths; no ssh, no system config, no redirects", () => {
    const remote = gitEnv(undefined, "https://example.com/acme/shop.git");
    expect(remote).toMatchObject({ GIT_ALLOW_PROTOCOL: "https", GIT_SSH_COMMAND: "/bin/false", GIT_CONFIG_NOSYSTEM: "1", HOME: "/nonexistent" });
    expect(gitConfig(remote, "http.followRedirects")).toBe("false");
    expect(gitEnv(undefined, "/srv/repos/shop").GIT_ALLOW_PROTOCOL).toBe("file");
    expect(gitEnv().GIT_ALLOW_PROTOCOL).toBe("file");
  });

  it("makes git itself refuse ext::, ssh and file transports where they are not allowed", async () => {
    const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "omoios-git-env-")), "pwned");
    const lsRemote = (source: string, env: NodeJS.ProcessEnv) =>
      run("git", ["ls-remote", "--", source], { env, timeout: 10_000 }).then(
        () => "ok",
        (error: { stderr?: string }) => String(error.stderr),
      );
    // Even handed to git as is (the policy refuses these before git ever sees them).
    expect(await lsRemote(`ext::sh -c touch% ${marker}`, gitEnv(undefined, "https://example.com/x.git"))).toMatch(/transport 'ext' not allowed/);
    expect(await lsRemote(`ext::sh -c touch% ${marker}`, gitEnv())).toMatch(/transport 'ext' not allowed/);
    expect(fs.existsSync(marker)).toBe(false);
    expect(await lsRemote("ssh://git@127.0.0.1:1/x.git", gitEnv(undefined, "ssh://git@127.0.0.1:1/x.git"))).toMatch(/transport 'ssh' not allowed/);
    expect(await lsRemote(os.tmpdir(), gitEnv(undefined, "https://example.com/x.git"))).toMatch(/transport 'file' not allowed/);
  });
});
