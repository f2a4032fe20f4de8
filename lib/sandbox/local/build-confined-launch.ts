import fs from "node:fs";
import path from "node:path";
import { SANDBOX_PATH } from "@/lib/repos/git-env";
import { buildBwrapCommand, INSIDE, INSIDE_API_ADDRESS, INSIDE_PROXY_ADDRESS } from "@/lib/sandbox/isolation/build-bwrap-command";
import type { LocalContext } from "@/lib/sandbox/local/local-config";
import { sharedAgentBundle } from "@/lib/sandbox/local/share-agent-bundle";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

/**
 * The agent under bubblewrap: its folders bound at fixed places inside, its only network the two sockets of its
 * network host (the app; the egress allowlist), reached as loopback ports through the agent's bridge. The agent's
 * URLs are rewritten to those ports; nothing else of the contract changes.
 */
export async function confinedLaunch(ctx: LocalContext, ref: SandboxRef, env: Record<string, string>) {
  const { root, limits, options } = ctx;
  const dir = ctx.dirOf(ref.sandboxId);
  const user = ctx.userOf(ref.sandboxId);
  await fs.promises.mkdir(path.join(dir, "net"), { recursive: true, mode: 0o755 });
  const proxy = `http://${INSIDE_PROXY_ADDRESS}`;
  const { command, args } = buildBwrapCommand({
    dir,
    agentBundle: await sharedAgentBundle(root, options.agentBundlePath),
    nodePath: process.execPath,
    readOnlyWorkspace: env.EXECUTION_MODE === "exploration",
    limits: { ...limits, maxProcesses: user.dedicated ? limits.maxProcesses : null },
    lowPriority: true,
  });
  return {
    command,
    args,
    cwd: dir,
    user: user.dedicated ? user : undefined,
    env: {
      ...env,
      OMOIOS_API_URL: `http://${INSIDE_API_ADDRESS}`,
      WORKSPACE_PATH: INSIDE.workspace,
      OMOIOS_NET_BRIDGE: `${INSIDE_API_ADDRESS}=${INSIDE.net}/api.sock;${INSIDE_PROXY_ADDRESS}=${INSIDE.net}/egress.sock`,
      HTTPS_PROXY: proxy,
      https_proxy: proxy,
      HTTP_PROXY: proxy,
      http_proxy: proxy,
      NO_PROXY: "127.0.0.1,localhost",
      no_proxy: "127.0.0.1,localhost",
      PATH: SANDBOX_PATH,
      HOME: INSIDE.home,
      TMPDIR: "/tmp",
      LANG: "C.UTF-8",
    },
  };
}
