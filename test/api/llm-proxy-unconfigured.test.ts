import { describe, expect, it } from "vitest";
import { POST as proxyPost } from "@/app/api/v1/llm/v1/messages/route";
import { db } from "@/lib/db/client";
import { issueSandboxToken } from "@/lib/auth/issue-sandbox-token";

describe("LLM proxy without ANTHROPIC_API_KEY", () => {
  it("says the model is not configured, in words the UI can show", async () => {
    delete process.env.ANTHROPIC_API_KEY;
    const sandbox = await db.sandbox.create({ data: { purpose: "task", status: "running" } });
    const { token } = await issueSandboxToken({ sandboxId: sandbox.id });
    const res = await proxyPost(
      new Request("http://localhost/api/v1/llm/v1/messages", {
        method: "POST",
        headers: { "x-api-key": token, "content-type": "application/json" },
        body: JSON.stringify({ model: "m", max_tokens: 1, messages: [] }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.error.code).toBe("model_not_configured");
    expect(body.error.message).toMatch(/ANTHROPIC_API_KEY/);
  });
});
