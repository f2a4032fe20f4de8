import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakePull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  html_url: string;
  state: "open";
}

/**
 * A loopback stand-in for the two GitHub REST endpoints OmoiOS uses (list and create pull requests), checking the
 * token as GitHub does (`Authorization: token|Bearer <token>`) and recording every request.
 */
export async function startFakeGitHub({ token }: { token: string }) {
  const pulls = new Map<string, FakePull[]>();
  const requests: { method: string; url: string; authorization?: string }[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization });
    const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (!/^(token|bearer) /i.test(req.headers.authorization ?? "") || req.headers.authorization!.split(" ")[1] !== token) {
      return send(401, { message: "Bad credentials" });
    }
    const url = new URL(req.url!, "http://localhost");
    const match = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(url.pathname);
    if (!match) return send(404, { message: "Not Found" });
    const repo = `${match[1]}/${match[2]}`;
    const list = pulls.get(repo) ?? [];
    if (req.method === "GET") {
      const head = url.searchParams.get("head")?.split(":").at(-1);
      return send(200, list.filter((pull) => !head || pull.head === head));
    }
    if (req.method === "POST") {
      const body = JSON.parse(Buffer.concat(chunks).toString() || "{}");
      if (!body.head || !body.base || !body.title) return send(422, { message: "Validation Failed" });
      const pull: FakePull = { number: list.length + 1, head: body.head, base: body.base, title: body.title, body: body.body ?? "", state: "open", html_url: `https://github.com/${repo}/pull/${list.length + 1}` };
      pulls.set(repo, [...list, pull]);
      return send(201, pull);
    }
    return send(405, { message: "Method not allowed" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pulls,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
