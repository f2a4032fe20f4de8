// The `omoi` command: `omoi agent` is what a sandbox runs; every other command (login, init, validate, sync, specs,
// board) is the CLI for `.omoi_os/` files in lib/cli. Each side is imported only when used, so an agent's start
// does not load the CLI and `omoi validate` does not load the agent.

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === "agent") {
    const { readSandboxEnv } = await import("@/lib/agent/sandbox-env");
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
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => controller.abort());
    return runSandboxAgent({ env, signal: controller.signal });
  }
  const { runCli } = await import("@/lib/cli/run-cli");
  const { processCliContext } = await import("@/lib/cli/cli-context");
  return runCli(argv, processCliContext());
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`omoi: ${process.env.OMOIOS_DEBUG ? ((error as Error).stack ?? error) : (error as Error).message}\n`);
    process.exit(1);
  },
);
