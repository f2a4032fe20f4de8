import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env";
import { buildSecretPattern, REDACTED, scrubSecrets, scrubString, serverSecretValues } from "@/lib/scrub-secrets";

const API_KEY = "omoi_Q2xhdWRlIGlzIGEgZ29vZCBib3QgMDEyMzQ1Njc4OQ";
const SANDBOX_TOKEN = "omoisbx_dGhpcy1pcy1hLXNhbmRib3gtdG9rZW4tMDEyMzQ1Ng";
const ANTHROPIC = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
const GITHUB_CLASSIC = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
const GITHUB_APP = "ghs_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";
const GITHUB_FINE = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz";

describe("scrubString (token shapes)", () => {
  const pattern = buildSecretPattern([]);
  const scrub = (text: string) => scrubString(text, pattern);

  it("replaces every token shape and keeps the text around it", () => {
    for (const secret of [API_KEY, SANDBOX_TOKEN, ANTHROPIC, GITHUB_CLASSIC, GITHUB_APP, GITHUB_FINE]) {
      expect(scrub(`before ${secret} after`)).toBe(`before ${REDACTED} after`);
      expect(scrub(`"${secret}"`)).toBe(`"${REDACTED}"`);
    }
  });

  it("keeps `Bearer ` and a URL's user, scheme and host, replacing only the secret", () => {
    expect(scrub("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc")).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrub("postgresql://omoi:s3cr%40t-pass@127.0.0.1:5432/app")).toBe(`postgresql://omoi:${REDACTED}@127.0.0.1:5432/app`);
    expect(scrub("git clone https://x-access-token:abc123@github.com/o/r.git")).toBe(`git clone https://x-access-token:${REDACTED}@github.com/o/r.git`);
  });

  it("leaves ordinary text alone: prose about bearers, ports, folders named like our prefixes, emails", () => {
    const text = [
      "Bearer tokens go in the Authorization header.",
      "http://localhost:3000/api/v1/health and user@example.com",
      "the .omoi_os/ folder and omoi_os_config; sk-ant- is a prefix",
      "commit 3f2a9c1 on omoi/PRJ-12",
    ].join("\n");
    expect(scrub(text)).toBe(text);
  });
});

describe("scrubString (the server's own values)", () => {
  it("replaces known values whatever their shape, longest first, with regex characters taken literally", () => {
    const pattern = buildSecretPattern(["plain-secret-value", "plain-secret-value-longer", "a.b*c+d?(e)[f]{g}"]);
    expect(scrubString("x plain-secret-value-longer y plain-secret-value z", pattern)).toBe(`x ${REDACTED} y ${REDACTED} z`);
    expect(scrubString("a.b*c+d?(e)[f]{g} but not aXbXc", pattern)).toBe(`${REDACTED} but not aXbXc`);
  });

  it("reads them from the environment: Anthropic, NextAuth, GitHub, Daytona and the database password (both forms)", () => {
    const values = serverSecretValues({
      ANTHROPIC_API_KEY: "anthropic-value-1",
      NEXTAUTH_SECRET: "nextauth-value-12345",
      GITHUB_TOKEN: "github-token-value",
      GITHUB_SECRET: "github-oauth-secret",
      DAYTONA_API_KEY: "daytona-key-value",
      DATABASE_URL: "postgresql://u:p%40ssw0rd-xyz@h/db",
      GITHUB_ID: "short",
    } as never);
    expect(values).toEqual(
      expect.arrayContaining(["anthropic-value-1", "nextauth-value-12345", "github-token-value", "github-oauth-secret", "daytona-key-value", "p%40ssw0rd-xyz", "p@ssw0rd-xyz"]),
    );
    expect(values).not.toContain("short");
  });

  afterEach(() => {
    delete process.env.DAYTONA_API_KEY;
    reloadEnv();
  });

  it("follows the environment when it is parsed again", () => {
    process.env.DAYTONA_API_KEY = "daytona-first-value";
    reloadEnv();
    expect(scrubString("k=daytona-first-value")).toBe(`k=${REDACTED}`);
    process.env.DAYTONA_API_KEY = "daytona-second-value";
    reloadEnv();
    expect(scrubString("k=daytona-first-value k=daytona-second-value")).toBe(`k=daytona-first-value k=${REDACTED}`);
  });
});

describe("scrubSecrets", () => {
  it("scrubs strings at any depth, object keys included, and keeps everything else as it was", () => {
    const input = {
      turn: 3,
      ok: true,
      nothing: null,
      text: `used ${API_KEY}`,
      nested: [{ deep: [`token ${SANDBOX_TOKEN}`] }, 7],
      [GITHUB_CLASSIC]: 1,
    };
    const out = scrubSecrets(input);
    expect(out).toEqual({ turn: 3, ok: true, nothing: null, text: `used ${REDACTED}`, nested: [{ deep: [`token ${REDACTED}`] }, 7], [REDACTED]: 1 });
    expect(input.text).toContain(API_KEY); // a copy: the input is untouched
  });

  it("drops what is nested deeper than its limit instead of keeping it unscrubbed", () => {
    expect(scrubSecrets({ a: { b: { c: API_KEY } } }, 2)).toEqual({ a: { b: "[too deep]" } });
  });
});
