import dns from "node:dns/promises";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";
import { isPublicAddress } from "@/lib/security/is-public-address";
import { findEgressRule, type EgressRule } from "@/lib/sandbox/isolation/egress-rules";

export interface SandboxNetworkOptions {
  /** Folder for the two sockets; bound read-only into the sandbox. */
  dir: string;
  /** The app as this process reaches it: every byte on the API socket goes there and nowhere else. */
  app: URL;
  egress: EgressRule[];
  /** Where refused egress is told (the host writes it to the sandbox's log, which members read). */
  report?: (line: string) => void;
}

export interface SandboxNetwork {
  apiSocket: string;
  egressSocket: string;
  close(): void;
}

const MAX_HEAD_BYTES = 8 * 1024;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The only ways out of an isolated sandbox, served outside it on Unix sockets: the API socket is a pipe to the app
 * (whatever the sandbox sends, it reaches only the app, which checks its token); the egress socket is an HTTPS
 * proxy (CONNECT only) to the operator's allowlist, which resolves names here and refuses internal addresses, so a
 * DNS answer cannot point a sandbox at the database or the metadata service.
 */
export async function serveSandboxNetwork({ dir, app, egress, report = () => {} }: SandboxNetworkOptions): Promise<SandboxNetwork> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const apiSocket = path.join(dir, "api.sock");
  const egressSocket = path.join(dir, "egress.sock");
  const port = Number(app.port || (app.protocol === "https:" ? 443 : 80));
  const api = await listen(apiSocket, (inbound) => {
    const outbound =
      app.protocol === "https:" ? tls.connect({ host: app.hostname, port, servername: app.hostname }) : net.connect({ host: app.hostname, port });
    pipeBoth(inbound, outbound);
  });
  const proxy = await listen(egressSocket, (inbound) => handleConnect(inbound, egress, report));
  return {
    apiSocket,
    egressSocket,
    close() {
      api.close();
      proxy.close();
    },
  };
}

async function listen(socketPath: string, onConnection: (socket: net.Socket) => void): Promise<net.Server> {
  fs.rmSync(socketPath, { force: true });
  const server = net.createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  // The sandbox's user connects to it; the folder around it is not writable from inside.
  fs.chmodSync(socketPath, 0o666);
  server.unref();
  return server;
}

function pipeBoth(inbound: net.Socket, outbound: net.Socket) {
  const close = () => {
    inbound.destroy();
    outbound.destroy();
  };
  inbound.on("error", close).on("close", close);
  outbound.on("error", close).on("close", close);
  inbound.pipe(outbound).pipe(inbound);
}

function refuse(socket: net.Socket, status: string, reason: string) {
  socket.end(`HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nOmoiOS sandbox egress: ${reason}\n`);
}

function handleConnect(inbound: net.Socket, rules: EgressRule[], report: (line: string) => void) {
  let head = Buffer.alloc(0);
  inbound.on("error", () => inbound.destroy());
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf("\r\n\r\n");
    if (end < 0) {
      if (head.length > MAX_HEAD_BYTES) refuse(inbound, "431 Request Header Fields Too Large", "request head too large");
      return;
    }
    inbound.off("data", onData);
    inbound.pause();
    const rest = head.subarray(end + 4);
    const requestLine = head.subarray(0, head.indexOf("\r\n")).toString("latin1");
    void route(inbound, requestLine, rest, rules, report);
  };
  inbound.on("data", onData);
}

async function route(inbound: net.Socket, requestLine: string, rest: Buffer, rules: EgressRule[], report: (line: string) => void) {
  const match = /^CONNECT ([^\s:]+|\[[0-9a-fA-F:]+\]):(\d{1,5}) HTTP\/1\.[01]$/.exec(requestLine);
  if (!match) return refuse(inbound, "405 Method Not Allowed", "only HTTPS (CONNECT host:port) leaves a sandbox");
  const host = match[1]!.replace(/^\[|\]$/g, "");
  const port = Number(match[2]);
  const rule = findEgressRule(rules, host, port);
  if (!rule) {
    report(`[omoios] egress refused: ${host}:${port} is not in SANDBOX_EGRESS_ALLOW`);
    return refuse(inbound, "403 Forbidden", `${host}:${port} is not in SANDBOX_EGRESS_ALLOW`);
  }
  let addresses: { address: string }[];
  try {
    addresses = net.isIP(host) ? [{ address: host }] : await dns.lookup(host, { all: true });
  } catch {
    return refuse(inbound, "502 Bad Gateway", `${host} does not resolve`);
  }
  // Decided on the address actually dialled, so a name cannot resolve to a public address here and an internal one later.
  const target = addresses.find((a) => rule.explicitPort || isPublicAddress(a.address));
  if (!target) {
    report(`[omoios] egress refused: ${host} resolves to an internal address`);
    return refuse(inbound, "403 Forbidden", `${host} resolves to an internal address`);
  }
  const outbound = net.connect({ host: target.address, port, timeout: CONNECT_TIMEOUT_MS });
  outbound.once("timeout", () => outbound.destroy());
  let connected = false;
  outbound.once("connect", () => {
    connected = true;
    outbound.setTimeout(0);
    inbound.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (rest.length > 0) outbound.write(rest);
    pipeBoth(inbound, outbound);
    inbound.resume();
  });
  outbound.once("error", () => {
    if (!connected && !inbound.destroyed) refuse(inbound, "502 Bad Gateway", `${host}:${port} did not answer`);
  });
}
