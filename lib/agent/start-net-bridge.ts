import net from "node:net";

/** How long a connection waits for its socket to appear: the provider starts the network host beside the agent. */
const SOCKET_WAIT_MS = 10_000;
const SOCKET_RETRY_MS = 25;

/**
 * Inside an isolated local sandbox there is no network but loopback (its own network namespace). The provider binds
 * Unix sockets into the sandbox whose other ends it controls: one leads to the app (events, context, model calls),
 * one to the egress proxy with the operator's allowlist. This makes them reachable as plain TCP on loopback, so the
 * agent, git, npm and test commands need no special support: `OMOIOS_NET_BRIDGE` lists `host:port=socket` pairs.
 * Nothing here is a boundary — whatever runs in the sandbox can open the sockets itself; the policy is outside.
 */
export async function startNetBridge(spec: string | undefined, { socketWaitMs = SOCKET_WAIT_MS } = {}): Promise<net.Server[]> {
  if (!spec) return [];
  const servers: net.Server[] = [];
  for (const pair of spec.split(";").filter(Boolean)) {
    const [listen, socketPath] = pair.split("=");
    const [host, port] = (listen ?? "").split(":");
    if (!host || !port || !socketPath) throw new Error(`invalid OMOIOS_NET_BRIDGE entry: ${pair}`);
    const server = net.createServer((inbound) => bridge(inbound, socketPath, socketWaitMs));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(Number(port), host, () => resolve());
    });
    // The bridge must not keep the agent alive once its work is done.
    server.unref();
    servers.push(server);
  }
  return servers;
}

/**
 * One connection: its bytes wait until the Unix socket answers, then flow both ways. The agent's first requests
 * can arrive before the network host (started right after the agent) listens; dropping them then left the agent's
 * HTTP client waiting on a request that never failed, and with nothing else holding the event loop the agent ended
 * silently with code 0. So a missing or refusing socket is retried for a while, and a connection that cannot be
 * bridged is reset, which the client sees as an error it retries.
 */
function bridge(inbound: net.Socket, socketPath: string, socketWaitMs: number) {
  inbound.pause();
  inbound.on("error", () => inbound.destroy());
  const deadline = Date.now() + socketWaitMs;
  const attempt = () => {
    if (inbound.destroyed) return;
    const outbound = net.connect(socketPath);
    let connected = false;
    outbound.once("connect", () => {
      connected = true;
      inbound.on("error", () => outbound.destroy());
      inbound.pipe(outbound).pipe(inbound);
      inbound.resume();
    });
    outbound.on("error", (error: NodeJS.ErrnoException) => {
      outbound.destroy();
      const retryable = !connected && (error.code === "ENOENT" || error.code === "ECONNREFUSED" || error.code === "EAGAIN");
      if (retryable && Date.now() < deadline) setTimeout(attempt, SOCKET_RETRY_MS);
      else inbound.resetAndDestroy();
    });
  };
  attempt();
}
