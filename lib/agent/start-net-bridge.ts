import net from "node:net";

/**
 * Inside an isolated local sandbox there is no network but loopback (its own network namespace). The provider binds
 * Unix sockets into the sandbox whose other ends it controls: one leads to the app (events, context, model calls),
 * one to the egress proxy with the operator's allowlist. This makes them reachable as plain TCP on loopback, so the
 * agent, git, npm and test commands need no special support: `OMOIOS_NET_BRIDGE` lists `host:port=socket` pairs.
 * Nothing here is a boundary — whatever runs in the sandbox can open the sockets itself; the policy is outside.
 */
export async function startNetBridge(spec: string | undefined): Promise<net.Server[]> {
  if (!spec) return [];
  const servers: net.Server[] = [];
  for (const pair of spec.split(";").filter(Boolean)) {
    const [listen, socketPath] = pair.split("=");
    const [host, port] = (listen ?? "").split(":");
    if (!host || !port || !socketPath) throw new Error(`invalid OMOIOS_NET_BRIDGE entry: ${pair}`);
    const server = net.createServer((inbound) => {
      const outbound = net.connect(socketPath);
      inbound.pipe(outbound).pipe(inbound);
      const close = () => {
        inbound.destroy();
        outbound.destroy();
      };
      inbound.on("error", close);
      outbound.on("error", close);
    });
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
