import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakePull {
  number: number;
  /** The GraphQL id, as GitHub gives it (the ready-for-review mutation takes it). */
  node_id: string;
  head: string;
  base: string;
  title: string;
  body: string;
  html_url: string;
  state: "open" | "closed";
  draft: boolean;
}

/** A request as the fake received it; `body` is the raw text (a GraphQL query and its variables, a JSON patch). */
export interface FakeRequest {
  method: string;
  url: string;
  authorization?: string;
  body: string;
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
 * A loopback stand-in for the GitHub endpoints OmoiOS uses: the REST API's list, create (drafts too), get and update
 * pull requests, and the GraphQL mutation `markPullRequestReadyForReview`, checking the token as GitHub does
 * (`Authorization: token|Bearer <token>`; with `supportsDrafts: false` a draft is refused, as in a private repository
 * on GitHub Free); and, with `oauth`, sign-in — the OAuth app's access_token exchange (client credentials and a
 * one-time code) and the signed-in person's GET /user and GET /user/emails. Every request is recorded.
 */
export async function startFakeGitHub({ token, oauth, supportsDrafts = true }: { token: string; oauth?: FakeOAuthApp; supportsDrafts?: boolean }) {
  const pulls = new Map<string, FakePull[]>();
  const requests: FakeRequest[] = [];
  const codes = new Map<string, string>();
  const people = new Map<string, FakeOAuthUser>();
  let issued = 0;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body: text });
    const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (oauth) {
      const answered = answerOAuth(req, text, send);
      if (answered) return;
    }
    if (!/^(token|bearer) /i.test(req.headers.authorization ?? "") || req.headers.authorization!.split(" ")[1] !== token) {
      return send(401, { message: "Bad credentials" });
    }
    const url = new URL(req.url!, "http://localhost");
    if (url.pathname === "/graphql" && req.method === "POST") return answerGraphql(text, send);
    const one = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(url.pathname);
    if (one) return answerPull(req.method!, `${one[1]}/${one[2]}`, Number(one[3]), text, send);
    const match = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(url.pathname);
    if (!match) return send(404, { message: "Not Found" });
    const repo = `${match[1]}/${match[2]}`;
    const list = pulls.get(repo) ?? [];
    if (req.method === "GET") {
      const head = url.searchParams.get("head")?.split(":").at(-1);
      const state = url.searchParams.get("state") ?? "open";
      return send(200, list.filter((pull) => (!head || pull.head === head) && (state === "all" || pull.state === state)));
    }
    if (req.method === "POST") {
      const body = JSON.parse(text || "{}");
      if (!body.head || !body.base || !body.title) return send(422, { message: "Validation Failed" });
      // As GitHub answers: one open pull request per head and base; no drafts where the plan has none.
      if (list.some((pull) => pull.state === "open" && pull.head === body.head && pull.base === body.base)) {
        return send(422, { message: "Validation Failed", errors: [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${match[1]}:${body.head}.` }] });
      }
      if (body.draft === true && !supportsDrafts) {
        return send(422, { message: "Validation Failed", errors: [{ resource: "PullRequest", code: "custom", message: "Draft pull requests are not supported in this repository." }] });
      }
      const number = list.length + 1;
      const pull: FakePull = {
        number,
        node_id: `PR_fake_${Buffer.from(`${repo}#${number}`).toString("base64url")}`,
        head: body.head,
        base: body.base,
        title: body.title,
        body: body.body ?? "",
        state: "open",
        draft: body.draft === true,
        html_url: `https://github.com/${repo}/pull/${number}`,
      };
      pulls.set(repo, [...list, pull]);
      return send(201, pull);
    }
    return send(405, { message: "Method not allowed" });
  });
  /** GET and PATCH /repos/{owner}/{repo}/pulls/{number}: read one, or change its title, body, base or state. */
  function answerPull(method: string, repo: string, number: number, text: string, send: (status: number, body: unknown) => void) {
    const pull = pulls.get(repo)?.find((candidate) => candidate.number === number);
    if (!pull) return send(404, { message: "Not Found" });
    if (method === "GET") return send(200, pull);
    if (method !== "PATCH") return send(405, { message: "Method not allowed" });
    const body = JSON.parse(text || "{}");
    if (body.state !== undefined && body.state !== "open" && body.state !== "closed") return send(422, { message: "Validation Failed" });
    for (const key of ["title", "body", "base", "state"] as const) if (typeof body[key] === "string") Object.assign(pull, { [key]: body[key] });
    return send(200, pull);
  }
  /** POST /graphql: `markPullRequestReadyForReview(input: {pullRequestId})` only; anything else is a GraphQL error. */
  function answerGraphql(text: string, send: (status: number, body: unknown) => void) {
    const { query, variables } = JSON.parse(text || "{}") as { query?: string; variables?: Record<string, unknown> };
    if (!query?.includes("markPullRequestReadyForReview")) return send(200, { errors: [{ message: "The fake supports markPullRequestReadyForReview only" }] });
    const id = (variables?.pullRequestId ?? /pullRequestId:\s*"([^"]+)"/.exec(query)?.[1]) as string | undefined;
    const pull = [...pulls.values()].flat().find((candidate) => candidate.node_id === id);
    if (!pull) return send(200, { data: null, errors: [{ type: "NOT_FOUND", message: `Could not resolve to a node with the global id of '${id}'` }] });
    pull.draft = false;
    return send(200, { data: { markPullRequestReadyForReview: { pullRequest: { id: pull.node_id, number: pull.number, isDraft: false, url: pull.html_url } } } });
  }
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
