import { buildAgentCommand, buildAgentEnvFile } from "@/lib/sandbox/daytona/build-agent-command";
import type { DaytonaClient } from "@/lib/sandbox/daytona/daytona-client";
import { agentPaths, agentSessionId, CREATE_TIMEOUT_SECONDS } from "@/lib/sandbox/daytona/daytona-config";
import { isConflict } from "@/lib/sandbox/daytona/daytona-errors";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

/**
 * Starts the agent as an async command of its own session (named after the Sandbox row, so any worker finds it),
 * starting a stopped sandbox first. Its env contract arrives as a 0600 file the command only names.
 */
export async function startDaytonaAgent(client: DaytonaClient, ref: SandboxRef, env: Record<string, string>): Promise<void> {
  let command: string;
  let envFile: string;
  try {
    envFile = buildAgentEnvFile(env);
    command = buildAgentCommand(ref, env);
  } catch (err) {
    throw client.wrap("startAgent", err);
  }
  try {
    const sandbox = await client.sdk().get(ref.externalId);
    if (sandbox.state === "stopped") await sandbox.start(CREATE_TIMEOUT_SECONDS);
    else if (sandbox.state !== "started") throw new Error(`sandbox ${ref.externalId} is ${sandbox.state}`);

    const sessionId = agentSessionId(ref.sandboxId);
    try {
      await sandbox.process.createSession(sessionId);
    } catch (err) {
      if (!isConflict(err)) throw err;
      // A session from an earlier start: reuse its name unless an agent still runs in it.
      const previous = await client.agentCommand(sandbox, ref.sandboxId);
      if (previous && (previous.exitCode === undefined || previous.exitCode === null)) throw new Error("the agent is already running");
      await sandbox.process.deleteSession(sessionId);
      await sandbox.process.createSession(sessionId);
    }
    // The token goes by file upload, into the agent's 0700 folder, and is narrowed to 0600 before the agent
    // starts; the command only names the file.
    const { envFile: envPath } = agentPaths(ref);
    await sandbox.fs.uploadFile(Buffer.from(envFile, "utf8"), envPath);
    await sandbox.fs.setFilePermissions(envPath, { mode: "600" });
    // Output stays with the session command; logTail reads it through the session logs API.
    await sandbox.process.executeSessionCommand(sessionId, { command, runAsync: true });
  } catch (err) {
    throw client.wrap("startAgent", err);
  }
}
