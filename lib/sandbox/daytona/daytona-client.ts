import { Daytona, type Sandbox } from "@daytonaio/sdk";
import { shellQuote } from "@/lib/sandbox/daytona/build-agent-command";
import { agentSessionId, DEFAULT_API_URL, type DaytonaProviderOptions } from "@/lib/sandbox/daytona/daytona-config";
import { isNotFound, wrapDaytonaError, type DaytonaProviderError } from "@/lib/sandbox/daytona/daytona-errors";

/** The last command of an agent's session: its id (for logs) and exit code (undefined or null while it runs). */
export interface AgentCommand {
  id: string;
  exitCode?: number | null;
}

/** What every provider operation shares: the options, one SDK client, and the small calls they all make. */
export interface DaytonaClient {
  readonly options: DaytonaProviderOptions;
  sdk(): Daytona;
  /** A failure of `operation` as a DaytonaProviderError without any secret of these options. */
  wrap(operation: string, err: unknown): DaytonaProviderError;
  /** The sandbox, or null when Daytona no longer knows it. */
  find(externalId: string): Promise<Sandbox | null>;
  /** Runs a POSIX sh script in the sandbox; a non-zero exit is an error naming `what`. */
  run(sandbox: Sandbox, script: string, what: string, timeoutSeconds?: number): Promise<void>;
  /** The agent's session command, or null when there is no session (never started, or lost with the daemon). */
  agentCommand(sandbox: Sandbox, sandboxId: string): Promise<AgentCommand | null>;
}

export function createDaytonaClient(options: DaytonaProviderOptions): DaytonaClient {
  const secrets = [options.apiKey, options.gitCredentials?.password].filter((s): s is string => Boolean(s && s.length >= 4));
  let client: Daytona | undefined;

  const sdk = () =>
    // Polling rather than the SDK's default Socket.IO event stream: every call here is a short request/response
    // from a worker job, and a websocket per client would outlive it for nothing.
    (client ??= new Daytona({
      apiKey: options.apiKey,
      apiUrl: options.apiUrl ?? DEFAULT_API_URL,
      target: options.target,
      useDeprecatedPolling: true,
    }));

  return {
    options,
    sdk,
    wrap: (operation, err) => wrapDaytonaError(operation, err, secrets),

    async find(externalId) {
      try {
        return await sdk().get(externalId);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },

    async run(sandbox, script, what, timeoutSeconds = 120) {
      // `sh -c` so the script means the same whether or not the daemon runs commands through a shell.
      const result = await sandbox.process.executeCommand(`sh -c ${shellQuote(script)}`, undefined, undefined, timeoutSeconds);
      if (result.exitCode !== 0) throw new Error(`${what} exited with ${result.exitCode}: ${result.result.trim().slice(-2000)}`);
    },

    async agentCommand(sandbox, sandboxId) {
      try {
        const session = await sandbox.process.getSession(agentSessionId(sandboxId));
        const command = session.commands?.at(-1);
        return command ? { id: command.id, exitCode: command.exitCode } : null;
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
  };
}
