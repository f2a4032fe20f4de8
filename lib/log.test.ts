import { describe, expect, it } from "vitest";
import { redact } from "@/lib/log";

describe("redact", () => {
  it("hides values under secret-looking keys and token-shaped strings anywhere", () => {
    const out = JSON.stringify(
      redact({
        headers: { authorization: "Bearer abc", cookie: "session=1" },
        password: "hunter2",
        note: "used key omoi_AbCdEfGhIjKlMnOp in a call",
        nested: [{ apiKey: "x" }],
      }),
    );
    expect(out).not.toMatch(/hunter2|Bearer abc|session=1|omoi_AbCdEfGh/);
    expect(out).toContain("[redacted]");
  });
});
