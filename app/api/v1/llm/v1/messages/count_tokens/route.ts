import { withSandboxAuth } from "@/lib/http/with-sandbox-auth";
import { proxyMessages } from "@/lib/llm/proxy-messages";

// POST /api/v1/llm/v1/messages/count_tokens – token counting for the agent's context management (not billed).
export const POST = withSandboxAuth(async (req, { sandbox }) => proxyMessages({ req, sandbox, endpoint: "messages/count_tokens" }));
