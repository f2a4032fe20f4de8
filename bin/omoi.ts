// The `omoi` command: `omoi agent` is what a sandbox runs; every other command (login, init, validate, sync, specs,
// board) is the CLI for `.omoi_os/` files in lib/cli. Each side is imported only when used, so an agent's start
// does not load the CLI and `omoi validate` does not load the agent.

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === "agent") {
    const { readSandboxEnv } = await import("@/lib/sandbox/sandbox-env");
    const { loadAgentEnvFile } = await import("@/lib/agent/load-agent-env-file");
    const { runSandboxAgent } = await import("@/lib/agent/run-sandbox-agent");
    let env;
    try {
      // Daytona hands the contract over in a file (kept out of commands); the local provider, as the environment.
      env = readSandboxEnv(loadAgentEnvFile(process.env));
    } catch (error) {
      process.stderr.write(`omoi agent: ${(error as Error).message}\n`);
      return 2;
    }
    // Before the first request: in an isolated sandbox the app is reached through this bridge.
    const { startNetBridge } = await import("@/lib/agent/start-net-bridge");
    await startNetBridge(process.env.OMOIOS_NET_BRIDGE);
    const controller = new AbortController();
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.on(signal, () => {
        if (controller.signal.aborted) process.exit(143); // told twice: now
        process.stderr.write(`[omoi-agent] ${signal} received: stopping\n`);
        controller.abort();
        // A stop ends the agent within a bounded time whatever the network: its last reports get this long (an app
        // that has gone away must not keep a stopped agent retrying).
        setTimeout(() => {
          process.stderr.write("[omoi-agent] stop grace period over: exiting\n");
          process.exit(143);
        }, stopGraceMs(process.env.OMOIOS_STOP_GRACE_MS)).unref();
      });
    }
    const code = await runSandboxAgent({ env, signal: controller.signal });
    // One line in the sandbox's log: an agent that ends without a result is then explained by how it ended.
    process.stderr.write(`[omoi-agent] exiting with code ${code}\n`);
    return code;
  }
  const { runCli } = await import("@/lib/cli/run-cli");
  const { processCliContext } = await import("@/lib/cli/cli-context");
  return runCli(argv, processCliContext());
}

/** How long a stopped agent may take to send its last reports: OMOIOS_STOP_GRACE_MS, default 10 s. */
function stopGraceMs(raw: string | undefined): number {
  const ms = Number(raw);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 120_000) : 10_000;
}

// Node ends a process whose event loop has nothing left to wait for with code 0, even while main() is pending (a
// request whose socket went away unnoticed, say). For an agent that reads as success without a result; so an
// unfinished main ends with a code and a line that say what happened.
let finished = false;
process.on("beforeExit", () => {
  if (finished) return;
  process.stderr.write("omoi: stopped waiting: nothing was left to wait for before the command finished (a request without an answer?)\n");
  process.exit(70);
});

main(process.argv.slice(2)).then(
  (code) => {
    finished = true;
    process.exit(code);
  },
  (error) => {
    process.stderr.write(`omoi: ${process.env.OMOIOS_DEBUG ? ((error as Error).stack ?? error) : (error as Error).message}\n`);
    process.exit(1);
  },
);
