import { describe, expect, it } from "vitest";
import { decodeGithubLinkIntent, encodeGithubLinkIntent, GITHUB_LINK_INTENT_SECONDS } from "@/lib/auth/github-link-intent-token";
import { decodeSignedIntent, encodeSignedIntent } from "@/lib/auth/signed-intent";
import { isSessionRevoked, sessionIssuedAtMs } from "@/lib/auth/session-issued-at";

describe("GitHub link intent", () => {
  it("names its user until it expires, and only when untouched", () => {
    const now = Date.now();
    const intent = encodeGithubLinkIntent("user-1", now);
    expect(decodeGithubLinkIntent(intent, now + 1000)).toBe("user-1");
    expect(decodeGithubLinkIntent(intent, now + GITHUB_LINK_INTENT_SECONDS * 1000 + 1)).toBeNull();
    const [payload, signature] = intent.split(".");
    const forged = Buffer.from(JSON.stringify({ userId: "user-2", expiresAt: now + 60_000 })).toString("base64url");
    expect(decodeGithubLinkIntent(`${forged}.${signature}`, now)).toBeNull();
    expect(decodeGithubLinkIntent(`${payload}.${signature}x`, now)).toBeNull();
    expect(decodeGithubLinkIntent(undefined, now)).toBeNull();
    expect(decodeGithubLinkIntent("garbage", now)).toBeNull();
    // An intent made for another purpose (accepting an invitation with GitHub) is not a link intent.
    expect(decodeGithubLinkIntent(encodeSignedIntent("github-invite", "user-1", 600, now), now)).toBeNull();
    expect(decodeSignedIntent("github-invite", encodeSignedIntent("github-invite", "inv-1", 600, now), now)).toBe("inv-1");
  });
});

describe("session revocation stamp", () => {
  it("uses the sign-in's own millisecond stamp, else the token's issue second", () => {
    expect(sessionIssuedAtMs({ authAt: 1_700_000_000_123, iat: 1 })).toBe(1_700_000_000_123);
    expect(sessionIssuedAtMs({ iat: 1_700_000_000 })).toBe(1_700_000_000_000);
    expect(sessionIssuedAtMs({})).toBe(0);
    const revokedAt = new Date(1_700_000_000_500);
    expect(isSessionRevoked(1_700_000_000_499, revokedAt)).toBe(true);
    expect(isSessionRevoked(1_700_000_000_500, revokedAt)).toBe(false);
    expect(isSessionRevoked(0, null)).toBe(false);
  });
});
