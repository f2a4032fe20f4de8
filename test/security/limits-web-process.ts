// A web process of its own, for test/security/shared-limits.test.ts: started twice as child processes
// (`node --import tsx test/security/limits-web-process.ts`) on the test database, to show that the sign-in throttles
// and the API-key and sandbox limits hold for all processes together. It prints "LISTENING <url>" when ready.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as meRoute from "@/app/api/v1/me/route";
import * as sandboxEventsRoute from "@/app/api/v1/sandboxes/[id]/events/route";
import { authenticatePassword } from "@/lib/auth/authenticate-password";
import { getEnv } from "@/lib/env";
import { toAppError } from "@/lib/http/errors";
import { serveNativeRoute, type NativeRoute } from "@/lib/http/node-adapter";
import { resolveClientAddress } from "@/lib/http/resolve-client-address";

const ROUTES: NativeRoute[] = [
  { pattern: /^\/api\/v1\/me$/, keys: [], module: meRoute },
  { pattern: /^\/api\/v1\/sandboxes\/([^/]+)\/events$/, keys: ["id"], module: sandboxEventsRoute },
];

// How many passwords this process actually ran scrypt for: a refused attempt must not reach it.
let scryptCalls = 0;
const scrypt = crypto.scrypt;
crypto.scrypt = ((...args: Parameters<typeof scrypt>) => {
  scryptCalls++;
  return scrypt(...args);
}) as typeof scrypt;

/** POST /sign-in {email, password}: the credentials check next-auth's authorize runs, with this server's idea of the client. */
async function signIn(req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const { email, password } = JSON.parse(Buffer.concat(chunks).toString()) as { email: string; password: string };
  const clientAddress = resolveClientAddress(req, getEnv().TRUSTED_PROXY_HOPS);
  try {
    await authenticatePassword({ email, password, clientAddress });
    res.writeHead(200).end();
  } catch (error) {
    const appError = toAppError(error);
    res.writeHead(appError.status, { "content-type": "application/json" }).end(JSON.stringify({ code: appError.code, message: appError.message }));
  }
}

const server = http.createServer((req, res) => {
  if (req.url === "/sign-in" && req.method === "POST") return void signIn(req, res);
  if (req.url === "/stats") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ scryptCalls }));
  void serveNativeRoute(ROUTES, req, res).then((served) => {
    if (!served) res.writeHead(404).end();
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`LISTENING http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
