const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"] as const;

/**
 * The egress proxy settings the sandbox provider gave the agent, passed on to the commands it runs (npm, pip, git
 * and test runners read them), so package registries on the operator's allowlist work from inside an isolated
 * sandbox. Not secrets: addresses of the sandbox's own loopback bridge.
 */
export function proxyEnv(): Record<string, string> {
  return Object.fromEntries(PROXY_VARIABLES.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
}
