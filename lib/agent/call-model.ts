import { setTimeout as sleep } from "node:timers/promises";
import type Anthropic from "@anthropic-ai/sdk";
import type { RetryPolicy } from "@/lib/agent/agent-loop-types";
import { describeError } from "@/lib/agent/describe-error";
import { isRetryableError } from "@/lib/agent/is-retryable-error";

/** One streamed model call, retried with exponential backoff on errors that may pass (see isRetryableError). */
export async function callModel(
  client: Anthropic,
  request: Anthropic.MessageCreateParamsNonStreaming,
  signal: AbortSignal,
  retry: RetryPolicy,
  onRetry: (message: string) => void,
): Promise<Anthropic.Message> {
  const attempts = Math.max(1, retry.attempts ?? 4);
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.messages.stream(request, { signal }).finalMessage();
    } catch (error) {
      if (signal.aborted || attempt >= attempts || !isRetryableError(error)) throw error;
      onRetry(`${describeError(error)} (attempt ${attempt} of ${attempts}, retrying)`);
      const delay = Math.min((retry.baseDelayMs ?? 2000) * 2 ** (attempt - 1), retry.maxDelayMs ?? 30_000);
      // Jitter, so that sandboxes throttled together do not retry together.
      await sleep(delay * (0.75 + Math.random() * 0.25), undefined, { signal });
    }
  }
}
