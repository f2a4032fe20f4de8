import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";

/** Work that needs an agent is refused up front when the server has no model, rather than failing in a sandbox. */
export function assertModelConfigured() {
  if (!getEnv().ANTHROPIC_API_KEY) {
    throw new AppError("model_not_configured", "No model is configured: set ANTHROPIC_API_KEY on the OmoiOS server and restart it");
  }
}
