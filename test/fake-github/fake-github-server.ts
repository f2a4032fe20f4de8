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

/** A person who signs in with GitHub: what GET /user and GET /user/emails answer for their access token. */
export interface FakeOAuthUser {
  profile: { id: number; login: string; name?: string | null; email?: string | null; avatar_url?: string | null };
  emails: { email: string; primary: boolean; verified: boolean; visibility?: string | null }[];
}

export interface FakeOAuthApp {
  clientId: string;
  clientSecret: string;
}

/**
 * A loopback stand-in for the GitHub endpoints OmoiOS uses: the REST API's list and create pull requests, checking the
 * token as GitHub does (`Authorization: token|Bearer <token>`); and, with `oauth`, sign-in — the OAuth app's
 * access_token exchange (client credentials and a one-time code) and the signed-in person's GET /user and
 * GET /user/emails. Every request is recorded.
 */
export async function startFakeGitHub({ token, oauth }: { token: string; oauth?: FakeOAuthApp }) {
  const pulls = new Map<string, FakePull[]>();
  const requests: { method: string; url: string; authorization?: string }[] = [];
  const codes = new Map<string, string>();
  const people = new Map<string, FakeOAuthUser>();
  let issued = 0;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization });
    const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (oauth) {
      const answered = answerOAuth(req, Buffer.concat(chunks).toString(), send);
      if (answered) return;
    }
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
  /** Handles the OAuth app's endpoints; false for any other request. */
  function answerOAuth(req: http.IncomingMessage, body: string, send: (status: number, body: unknown) => void): boolean {
    const path = new URL(req.url!, "http://localhost").pathname;
    if (req.method === "POST" && path === "/login/oauth/access_token") {
      const form = new URLSearchParams(body);
      const basic = /^basic (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
      const [id, secret] = basic
        ? Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent)
        : [form.get("client_id"), form.get("client_secret")];
      if (id !== oauth!.clientId || secret !== oauth!.clientSecret) {
        send(401, { error: "incorrect_client_credentials" });
        return true;
      }
      const accessToken = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? ""); // a code works once, as on GitHub
      if (!accessToken) send(400, { error: "bad_verification_code" });
      else send(200, { access_token: accessToken, token_type: "bearer", scope: "read:user,user:email" });
      return true;
    }
    if (req.method === "GET" && (path === "/user" || path === "/user/emails")) {
      const person = people.get((req.headers.authorization ?? "").split(" ")[1] ?? "");
      if (!person) send(401, { message: "Bad credentials" });
      else send(200, path === "/user" ? person.profile : person.emails);
      return true;
    }
    return false;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pulls,
    requests,
    /** Lets a person sign in: returns the one-time code GitHub would hand the app's callback for them. */
    addOAuthPerson(person: FakeOAuthUser): string {
      issued += 1;
      const code = `code-${issued}-${Math.random().toString(36).slice(2)}`;
      const accessToken = `gho_fake_${issued}_${Math.random().toString(36).slice(2)}`;
      codes.set(code, accessToken);
      people.set(accessToken, person);
      return code;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
