import { agentPaths, BUNDLE_FILE, STOP_GRACE_SECONDS } from "@/lib/sandbox/daytona/daytona-config";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Single-quotes a word for POSIX sh: nothing inside is interpreted, whatever it contains. */
export function shellQuote(value: string): string {
  if (value.includes("\0")) throw new Error("a shell word cannot contain a NUL byte");
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The agent's env contract as the file it loads at start (then deletes). Values travel as a file upload, never in a
 * command: a session command's text stays in the session's history (and the process's command line), where the
 * sandbox token would outlive the agent. PATH and HOME are not in it: they say where things are and stay on the
 * command line (see buildAgentCommand).
 */
export function buildAgentEnvFile(env: Record<string, string>): string {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) throw new Error(`invalid environment variable name: ${JSON.stringify(name)}`);
    if (name !== "PATH" && name !== "HOME") values[name] = value;
  }
  return `${JSON.stringify(values)}\n`;
}

/**
 * The session command that runs the agent. `env -i` gives the agent PATH, HOME and the path of its env file
 * (buildAgentEnvFile) only: nothing of the daemon's or the sandbox's environment, and no value of the contract.
 * PATH defaults to the session shell's own (`"$PATH"` is expanded there), because where node lives depends on the
 * snapshot. The inner shell records its pid and `exec`s node, so the pid file names the agent itself and the
 * command's exit code is the agent's.
 */
export function buildAgentCommand(ref: Pick<SandboxRef, "workspacePath">, env: Record<string, string>): string {
  const paths = agentPaths(ref);
  const assignments = [
    "PATH" in env ? `PATH=${shellQuote(env.PATH!)}` : `PATH="$PATH"`,
    `HOME=${shellQuote(env.HOME ?? paths.home)}`,
    `OMOIOS_ENV_FILE=${shellQuote(paths.envFile)}`,
  ];
  const inner = [
    `echo $$ > ${shellQuote(paths.pidFile)}`,
    `cd ${shellQuote(ref.workspacePath)}`,
    // cd exported these; OLDPWD would name the session's directory.
    `unset OLDPWD PWD`,
    `exec node ${shellQuote(paths.bundle)} agent`,
  ].join(" && ");
  return `env -i ${assignments.join(" ")} /bin/sh -c ${shellQuote(inner)}`;
}

/**
 * SIGTERM, then SIGKILL after the grace period. The /proc check keeps a recycled pid (the agent long gone) from
 * being killed.
 */
export function buildKillScript(ref: Pick<SandboxRef, "workspacePath">, graceSeconds = STOP_GRACE_SECONDS): string {
  const { pidFile } = agentPaths(ref);
  return [
    `p=$(cat ${shellQuote(pidFile)} 2>/dev/null)`,
    `[ -n "$p" ] || exit 0`,
    `grep -q ${BUNDLE_FILE} /proc/$p/cmdline 2>/dev/null || exit 0`,
    `kill -TERM "$p" 2>/dev/null`,
    `i=0`,
    `while [ $i -lt ${graceSeconds} ] && kill -0 "$p" 2>/dev/null; do sleep 1; i=$((i+1)); done`,
    `kill -KILL "$p" 2>/dev/null`,
    `exit 0`,
  ].join("; ");
}
