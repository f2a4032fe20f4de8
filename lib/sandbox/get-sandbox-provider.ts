import os from "node:os";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { createDaytonaProvider } from "@/lib/sandbox/daytona-provider";
import { createLocalProvider } from "@/lib/sandbox/local-provider";
import { githubAllowedOwners } from "@/lib/repos/git-env";
import type { SandboxProvider, SandboxProviderName, SandboxRef } from "@/lib/sandbox/sandbox-provider";

/** Where the single-file agent is (built by `npm run build:agent`; the worker builds it when it starts). */
export const defaultAgentBundlePath = () => path.resolve(getEnv().OMOIOS_AGENT_BUNDLE ?? "dist/omoi-agent.mjs");

/** Outside the data folder by default, on a path sandbox users can reach (see prepareSandboxRoot). */
export const sandboxRoot = () => path.resolve(getEnv().SANDBOX_ROOT ?? path.join(os.tmpdir(), `omoios-sandboxes-${process.getuid?.() ?? "user"}`));

const cache = new Map<SandboxProviderName, SandboxProvider>();

/** The provider for new sandboxes (SANDBOX_PROVIDER) or, given a name, the one that made an existing sandbox. */
export function getSandboxProvider(name: SandboxProviderName = getEnv().SANDBOX_PROVIDER): SandboxProvider {
  let provider = cache.get(name);
  if (!provider) {
    provider = name === "daytona" ? makeDaytona() : makeLocal();
    cache.set(name, provider);
  }
  return provider;
}

/** For tests and the worker's options: use this provider for a name from now on. */
export function setSandboxProvider(provider: SandboxProvider) {
  cache.set(provider.name, provider);
}

function makeLocal(): SandboxProvider {
  const env = getEnv();
  return createLocalProvider({
    root: sandboxRoot(),
    agentBundlePath: defaultAgentBundlePath(),
    githubToken: env.GITHUB_TOKEN,
    isolation: env.SANDBOX_ISOLATION,
    egressAllow: env.SANDBOX_EGRESS_ALLOW,
    uidBase: env.SANDBOX_UID_BASE,
    limits: {
      memoryMb: env.SANDBOX_MEMORY_MB,
      maxProcesses: env.SANDBOX_MAX_PROCESSES,
      maxFileMb: env.SANDBOX_MAX_FILE_MB,
      tmpMb: env.SANDBOX_TMP_MB,
      wallSeconds: env.SANDBOX_WALL_SECONDS,
    },
  });
}

function makeDaytona(): SandboxProvider {
  const env = getEnv();
  if (!env.DAYTONA_API_KEY) throw new Error("SANDBOX_PROVIDER=daytona needs DAYTONA_API_KEY");
  return createDaytonaProvider({
    apiKey: env.DAYTONA_API_KEY,
    apiUrl: env.DAYTONA_API_URL,
    target: env.DAYTONA_TARGET,
    snapshot: env.DAYTONA_SNAPSHOT,
    image: env.DAYTONA_IMAGE,
    resources: { cpu: env.DAYTONA_CPU, memory: env.DAYTONA_MEMORY_GB, disk: env.DAYTONA_DISK_GB },
    autoStopMinutes: env.DAYTONA_AUTO_STOP_MINUTES,
    agentBundlePath: defaultAgentBundlePath(),
    // No allowed GitHub owner, no token in Daytona at all (the provider itself matches the host only, not the owner).
    gitCredentials: env.GITHUB_TOKEN && githubAllowedOwners().length > 0 ? { username: "x-access-token", password: env.GITHUB_TOKEN, allowedOwners: githubAllowedOwners() } : undefined,
  });
}

/** How to find a sandbox row's resources again; null before the provider created any. */
export function refOf(sandbox: { id: string; externalId: string | null; workspacePath: string | null; logPath: string | null }): SandboxRef | null {
  if (!sandbox.externalId) return null;
  return { sandboxId: sandbox.id, externalId: sandbox.externalId, workspacePath: sandbox.workspacePath ?? "", logPath: sandbox.logPath };
}
