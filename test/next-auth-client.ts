import NextAuth, { type NextAuthOptions } from "next-auth";

/**
 * Calls next-auth's own endpoints (csrf, sign-in, OAuth callbacks, session) in-process, through its API-route entry
 * point, which takes plain request and response objects — so no Next request context is needed — and keeps the
 * cookies between calls like a browser would.
 */
export class NextAuthClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly options: () => NextAuthOptions,
    private readonly host = "localhost:3000",
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
  }

  async call(action: string[], { method = "GET", body, query = {} }: { method?: string; body?: Record<string, string>; query?: Record<string, string> } = {}) {
    const headers = new Map<string, string | string[]>();
    const res = {
      statusCode: 200,
      body: undefined as unknown,
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      setHeader(name: string, value: string | string[]) {
        headers.set(name.toLowerCase(), value);
        return this;
      },
      getHeader: (name: string) => headers.get(name.toLowerCase()),
      end() {},
      json(value: unknown) {
        this.body = value;
      },
      send(value: unknown) {
        this.body = value;
      },
    };
    const req = {
      method,
      query: { nextauth: action, ...query },
      cookies: Object.fromEntries(this.cookies),
      body,
      headers: { host: this.host, "x-forwarded-proto": "http", cookie: this.cookieHeader() },
    };
    await NextAuth(req as never, res as never, this.options());
    const setCookies = [headers.get("set-cookie") ?? []].flat();
    for (const line of setCookies) {
      const [pair] = line.split(";");
      const name = pair!.slice(0, pair!.indexOf("="));
      const value = decodeURIComponent(pair!.slice(pair!.indexOf("=") + 1));
      if (/max-age=0\b/i.test(line) || /expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = headers.get("location");
    return { status: res.statusCode, body: res.body, location: typeof location === "string" ? location : undefined, setCookies };
  }

  /** Starts an OAuth sign-in (CSRF step, then POST signin/<provider>) and returns the provider's authorization URL. */
  async startOAuth(provider: string): Promise<URL> {
    const csrf = await this.call(["csrf"]);
    const { csrfToken } = csrf.body as { csrfToken: string };
    const started = await this.call(["signin", provider], { method: "POST", body: { csrfToken, json: "true", callbackUrl: "/projects" } });
    return new URL((started.body as { url: string }).url);
  }

  /** The provider sent the person back with `code` (and the state it was given). */
  finishOAuth(provider: string, authorizeUrl: URL, code: string) {
    return this.call(["callback", provider], { query: { code, state: authorizeUrl.searchParams.get("state") ?? "" } });
  }

  /** The session as next-auth's /api/auth/session answers it (an empty object when there is none). */
  async session(): Promise<Record<string, unknown>> {
    return (await this.call(["session"])).body as Record<string, unknown>;
  }

  sessionCookie(): string | undefined {
    const value = this.cookies.get("next-auth.session-token");
    return value ? `next-auth.session-token=${value}` : undefined;
  }
}
