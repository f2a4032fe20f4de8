import { modelCallRoute } from "@/lib/routes/model-call-route";

// POST /api/v1/llm/v1/messages – the sandboxes' Messages API: forwarded with the server's key, metered, budgeted.
export const POST = modelCallRoute("messages");
