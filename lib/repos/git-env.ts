import path from "node:path";

/** Fixed and minimal: neither git nor an agent inherits anything from the server's environment (DESIGN §5). */
export const SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin";

/** The environment of every git process the server runs against a project's repository. */
export function gitEnv(githubToken?: string, url?: string): NodeJS.ProcessEnv {
  const env: Record<string, string> = { PATH: SANDBOX_PATH, HOME: "/nonexistent", GIT_TERMINAL_PROMPT: "0", LANG: "C.UTF-8" };
  if (githubToken && url && /^https:\/\/github\.com\//.test(url)) {
    // Through git's environment config: not in argv (visible in ps), not in the clone's .git/config.
    const basic = Buffer.from(`x-access-token:${githubToken}`).toString("base64");
    Object.assign(env, { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "http.https://github.com/.extraheader", GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}` });
  }
  return env as unknown as NodeJS.ProcessEnv;
}


/**
 * What git is handed for a project's `repoUrl` (a URL as is, a local path resolved), and how to show it in a message
 * (a URL without any userinfo). Shared with the readiness check, so it asks exactly what a clone would.
 */
export function repoSource(url: string): { isRemote: boolean; source: string; shown: string } {
  const isRemote = /^(https?|ssh|git):\/\/|^[\w.-]+@[\w.-]+:/.test(url);
  const source = isRemote ? url : path.resolve(url.replace(/^file:\/\//, ""));
  return { isRemote, source, shown: isRemote ? url.replace(/\/\/[^@/]*@/, "//") : source };
}

