import { modelCallRoute } from "@/lib/routes/model-call-route";

// POST /api/v1/llm/v1/messages/count_tokens – token counting for the agent's context management (not billed).
export const POST = modelCallRoute("messages/count_tokens");
