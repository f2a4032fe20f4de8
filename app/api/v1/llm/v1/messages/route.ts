import { withSandboxAuth } from "@/lib/http/with-sandbox-auth";
import { proxyMessages } from "@/lib/llm/proxy-messages";

// POST /api/v1/llm/v1/messages – the sandboxes' Messages API: forwarded with the server's key, metered, budgeted.
export const POST = withSandboxAuth(async (req, { sandbox }) => proxyMessages({ req, sandbox, endpoint: "messages" }));
