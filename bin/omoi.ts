// The `omoi` command. `omoi agent` is what a sandbox runs; the CLI commands for `.omoi_os/` files join it later.
import { readSandboxEnv } from "@/lib/agent/sandbox-env";
import { runSandboxAgent } from "@/lib/agent/run-sandbox-agent";

const HELP = `usage: omoi <command>

commands:
  agent     run the sandbox agent (reads OMOIOS_API_URL, OMOIOS_SANDBOX_ID, OMOIOS_SANDBOX_TOKEN, WORKSPACE_PATH, …)
  help      show this help
`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  if (command === "agent") {
    let env;
    try {
      env = readSandboxEnv(process.env);
    } catch (error) {
      process.stderr.write(`omoi agent: ${(error as Error).message}\n`);
      return 2;
    }
    const controller = new AbortController();
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => controller.abort());
    return runSandboxAgent({ env, signal: controller.signal });
  }
  process.stderr.write(`omoi: unknown command "${command}"\n\n${HELP}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`omoi: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
