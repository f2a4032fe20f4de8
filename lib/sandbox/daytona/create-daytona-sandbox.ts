import { access } from "node:fs/promises";
import path from "node:path";
import { DaytonaError, type Sandbox } from "@daytonaio/sdk";
import { githubOwnerOf } from "@/lib/repos/git-env";
import { shellQuote } from "@/lib/sandbox/daytona/build-agent-command";
import type { DaytonaClient } from "@/lib/sandbox/daytona/daytona-client";
import { agentPaths, CREATE_TIMEOUT_SECONDS, type DaytonaProviderOptions } from "@/lib/sandbox/daytona/daytona-config";
import { DaytonaProviderError } from "@/lib/sandbox/daytona/daytona-errors";
import type { CreateSandboxInput, SandboxRef } from "@/lib/sandbox/sandbox-provider";

/**
 * Makes the remote sandbox (labelled with the app's ids, auto-stop set), clones the repository into its workspace
 * (or starts an empty one) and uploads the agent bundle. Whatever fails after Daytona made a sandbox deletes it, so
 * a failed create leaves nothing behind to pay for.
 */
export async function createDaytonaSandbox(client: DaytonaClient, input: CreateSandboxInput): Promise<SandboxRef> {
  const { options } = client;
  const repoUrl = input.repo.url;
  if (repoUrl && !isRemoteGitUrl(repoUrl)) {
    throw new DaytonaProviderError("create", `daytona create failed: ${repoUrl} is not a remote git URL; a Daytona sandbox cannot reach local paths`);
  }
  try {
    await access(options.agentBundlePath);
  } catch {
    throw new DaytonaProviderError("create", `daytona create failed: the agent bundle ${options.agentBundlePath} does not exist (run build:agent)`);
  }

  const labels: Record<string, string> = {};
  const labelValues: Record<string, string | null | undefined> = {
    "omoios.project": input.projectId,
    "omoios.spec": input.specId,
    "omoios.task": input.taskId,
    "omoios.sandbox": input.sandboxId,
    "omoios.purpose": input.purpose,
  };
  for (const [key, value] of Object.entries(labelValues)) if (value !== null && value !== undefined) labels[key] = value;

  // No envVars: the agent's env (its token included) goes to its process only, in startAgent. Sandbox-level
  // env would be visible to every process in the sandbox and stored with the sandbox at Daytona.
  const base = { labels, autoStopInterval: options.autoStopMinutes };
  const timeout = { timeout: CREATE_TIMEOUT_SECONDS };
  let sandbox: Sandbox;
  try {
    if (options.snapshot) sandbox = await client.sdk().create({ ...base, snapshot: options.snapshot }, timeout);
    else if (options.image) {
      const given = options.resources && Object.values(options.resources).some((v) => v !== undefined);
      sandbox = await client.sdk().create({ ...base, image: options.image, resources: given ? options.resources : undefined }, timeout);
    } else sandbox = await client.sdk().create(base, timeout);
  } catch (err) {
    const error = client.wrap("create", err);
    // 401/403/400 mean nothing was made; anything else may have left a sandbox behind.
    if (!(err instanceof DaytonaError && [400, 401, 403].includes(err.statusCode ?? 0))) await deleteByLabel(client, input.sandboxId);
    throw error;
  }

  try {
    const home = (await sandbox.getUserHomeDir()) || "/home/daytona";
    const workspacePath = path.posix.join(home, "workspace");
    const ref: SandboxRef = { sandboxId: input.sandboxId, externalId: sandbox.id, workspacePath, logPath: null };
    const paths = agentPaths(ref);

    if (repoUrl) {
      const { username, password } = cloneCredentialsFor(options, repoUrl);
      // Credentials travel only as clone arguments: the daemon uses them for this clone and nothing is written
      // to the URL, the repository's config or a file.
      await sandbox.git.clone(repoUrl, workspacePath, input.repo.branch || undefined, undefined, username, password);
    } else {
      await client.run(
        sandbox,
        `mkdir -p ${shellQuote(workspacePath)} && git init -q -b ${shellQuote(input.repo.branch || "main")} ${shellQuote(workspacePath)}`,
        "git init",
      );
    }
    await sandbox.fs.createFolder(paths.dir, "700");
    await sandbox.fs.uploadFile(options.agentBundlePath, paths.bundle);
    return ref;
  } catch (err) {
    await deleteQuietly(sandbox);
    throw client.wrap("create", err);
  }
}

function isRemoteGitUrl(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[\w.-]+@[\w.-]+:/.test(url);
}

function cloneCredentialsFor(options: DaytonaProviderOptions, url: string): { username?: string; password?: string } {
  const credentials = options.gitCredentials;
  if (!credentials) return {};
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {};
  }
  const host = (credentials.host ?? "github.com").toLowerCase();
  if (parsed.protocol !== "https:" || parsed.hostname.toLowerCase() !== host) return {};
  // The same rule as the server's own git (lib/repos/git-env.ts): the token only for owners the operator allowed.
  const owner = host === "github.com" ? githubOwnerOf(url)?.toLowerCase() : null;
  if (credentials.allowedOwners && (!owner || !credentials.allowedOwners.includes(owner))) return {};
  return { username: credentials.username, password: credentials.password };
}

async function deleteQuietly(sandbox: Sandbox): Promise<void> {
  try {
    await sandbox.delete();
  } catch {
    // Best effort while reporting another failure; the labels let an operator find a leftover.
  }
}

/** A create that failed inside the SDK may still have made a sandbox (e.g. it never started): find it by label. */
async function deleteByLabel(client: DaytonaClient, sandboxId: string): Promise<void> {
  try {
    for await (const sandbox of client.sdk().list({ labels: { "omoios.sandbox": sandboxId } })) await deleteQuietly(sandbox);
  } catch {
    // Same: best effort.
  }
}
