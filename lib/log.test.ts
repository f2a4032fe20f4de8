import { describe, expect, it } from "vitest";
import { redact } from "@/lib/log";

describe("redact", () => {
  it("hides values under secret-looking keys and token-shaped strings anywhere", () => {
    const out = JSON.stringify(
      redact({
        headers: { authorization: "Bearer abc", cookie: "session=1" },
        password: "hunter2",
        note: "used key omoi_AbCdEfGhIjKlMnOpQrStUvWxYz0123 in a call",
        nested: [{ apiKey: "x" }],
      }),
    );
    expect(out).not.toMatch(/hunter2|Bearer abc|session=1|omoi_AbCdEfGh/);
    expect(out).toContain("[redacted]");
  });

  it("scrubs an error's message, stack and cause, and drops what is nested too deep", () => {
    const error = new Error("connect to postgresql://app:pw-0123456789@db:5432/x failed", {
      cause: new Error("upstream said sk-ant-api03-abcdefghijkl"),
    });
    const out = JSON.stringify(redact({ error, a: { b: { c: { d: { e: { f: { g: { h: "ghp_abcdefghijklmnopqrstuvwxyz0123456789" } } } } } } } }));
    expect(out).not.toMatch(/pw-0123456789|sk-ant-api03-abc|ghp_abc/);
    expect(out).toContain("postgresql://app:[redacted]@db:5432/x");
    expect(out).toContain("[too deep]");
  });
});
