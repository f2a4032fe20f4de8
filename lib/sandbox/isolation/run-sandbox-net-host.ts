import path from "node:path";
import { parseEgressRules } from "@/lib/sandbox/isolation/egress-rules";
import { serveSandboxNetwork } from "@/lib/sandbox/isolation/serve-sandbox-network";

/** What the provider hands the host, as one JSON argument. */
export interface SandboxNetHostConfig {
  /** The sandbox's socket folder. */
  dir: string;
  /** The app's URL as the worker's machine reaches it. */
  app: string;
  /** SANDBOX_EGRESS_ALLOW as configured. */
  egress: string;
  /** The sandbox's process group: the host lives while it does. */
  pgid: number;
}

const WATCH_MS = 500;

/** Built next to the agent bundle by scripts/build-agent.ts. */
export const netHostPathFor = (agentBundle: string) => path.join(path.dirname(agentBundle), "omoi-sandbox-net.mjs");

/**
 * The outside end of an isolated sandbox's network, as a process of its own (dist/omoi-sandbox-net.mjs, a few KiB),
 * started beside the agent: it serves the two sockets and ends when the sandbox's process group is gone. Being its
 * own process is what lets agents outlive the worker that started them, as they did before they were confined.
 */
export async function runSandboxNetHost(config: SandboxNetHostConfig): Promise<void> {
  // An agent that was already gone (it ended at once, or was stopped) needs no network, and its folder may be
  // being removed: nothing is made in it.
  if (!isGroupAlive(config.pgid)) return;
  const network = await serveSandboxNetwork({ dir: config.dir, app: new URL(config.app), egress: parseEgressRules(config.egress),
    report: (line) => process.stderr.write(`${line}\n`),
  });
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (isGroupAlive(config.pgid)) return;
      clearInterval(timer);
      resolve();
    }, WATCH_MS);
  });
  network.close();
}

/** Signal 0 to the group: is any process of the sandbox left? */
function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
