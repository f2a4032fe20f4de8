import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveModelCall } from "@/lib/llm/serve-model-call";

let server: http.Server;
let url: string;

beforeAll(async () => {
  process.env.ANTHROPIC_API_KEY = "sk-ant-test-key-never-used";
  server = http.createServer((req, res) => void serveModelCall(req, res, "messages"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/llm/v1/messages`;
});
afterAll(() => server.close());

// The native path `npm start` serves; its success path runs in test/agent/omoi-agent-bundle.test.ts.
describe("serveModelCall", () => {
  it("answers the API's error body for a missing or foreign token, and 405 for other methods", async () => {
    const none = await fetch(url, { method: "POST", body: "{}" });
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe("unauthorized");
    const userKey = await fetch(url, { method: "POST", body: "{}", headers: { "x-api-key": "omoi_a_user_key" } });
    expect(userKey.status).toBe(401);
    const unknownSandbox = await fetch(url, { method: "POST", body: "{}", headers: { authorization: "Bearer omoisbx_unknown" } });
    expect(unknownSandbox.status).toBe(401);
    expect((await fetch(url)).status).toBe(405);
  });
});
