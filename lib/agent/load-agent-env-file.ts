import fs from "node:fs";

/**
 * The agent's environment with the contract read from `OMOIOS_ENV_FILE`, when that names one: how a Daytona
 * sandbox hands the agent its token without putting it in a command (see buildAgentEnvFile in
 * lib/sandbox/daytona-provider.ts). The file is deleted as soon as it is read, so the token lives on only in this
 * process's memory — not in the sandbox's files, nor in the process's environment block. Without the variable (the
 * local provider passes the contract as the process's environment) `env` is returned as it is.
 */
export function loadAgentEnvFile<Env extends Record<string, string | undefined>>(env: Env): Env {
  const file = env.OMOIOS_ENV_FILE;
  if (!file) return env;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read the env file OMOIOS_ENV_FILE=${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  fs.rmSync(file, { force: true });
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    throw new Error(`the env file OMOIOS_ENV_FILE=${file} is not JSON`);
  }
  if (!values || typeof values !== "object" || Array.isArray(values) || Object.values(values).some((v) => typeof v !== "string")) {
    throw new Error(`the env file OMOIOS_ENV_FILE=${file} is not an object of strings`);
  }
  const { OMOIOS_ENV_FILE: _file, ...rest } = env;
  return { ...rest, ...(values as Record<string, string>) } as unknown as Env;
}
