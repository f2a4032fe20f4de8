import crypto from "node:crypto";
import type { EventData, EventType, OutgoingEvent } from "@/lib/events/event-schemas";
import { backoffDelays, fetchWithRetry, HttpRefusedError } from "@/lib/http/fetch-with-retry";

/** What the agent uses to report; implementations batch over HTTP or keep events in memory (tests). */
export interface EventReporter {
  emit<T extends EventType>(type: T, data: EventData<T>): void;
  /** Sends everything buffered; resolves when the server acknowledged it (or retries gave up). */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
}

function makeEvent<T extends EventType>(type: T, data: EventData<T>): OutgoingEvent {
  return { type, data, clientEventId: crypto.randomUUID(), occurredAt: new Date().toISOString() } as OutgoingEvent;
}

export interface MemoryEventReporter extends EventReporter {
  readonly events: OutgoingEvent[];
}

export function createMemoryEventReporter(): MemoryEventReporter {
  const events: OutgoingEvent[] = [];
  return {
    events,
    emit: (type, data) => void events.push(makeEvent(type, data)),
    flush: async () => {},
    close: async () => {},
  };
}

export interface HttpEventReporterOptions {
  apiUrl: string;
  sandboxId: string;
  token: string;
  /**
   * Longest an event waits before it is sent (DESIGN: ≤ 500 ms). Short by default: a lone event (the first
   * heartbeat, a tool call) goes out almost at once, while events arriving during a send queue up and leave
   * together as the next batch — batching comes from the round trip, not from waiting.
   */
  flushIntervalMs?: number;
  /** Sent at once when this many are buffered. */
  maxBatch?: number;
  /** Memory bound: past it, the oldest heartbeats and then the oldest events are dropped (and counted). */
  maxBuffered?: number;
  maxAttempts?: number;
  fetch?: typeof fetch;
  onDrop?: (count: number) => void;
  /**
   * The server refused the sandbox's credentials (401/403): the sandbox was ended (lost, cancelled) and nothing it
   * sends will be accepted again. The agent stops when it hears this.
   */
  onRejected?: (status: number) => void;
}

const ATTEMPT_TIMEOUT_MS = 30_000;

/**
 * Batches events into POST /api/v1/sandboxes/{id}/events. A failed batch is retried with the *same* client event
 * ids, so the server stores each event once however often it is sent.
 */
export function createHttpEventReporter(options: HttpEventReporterOptions): EventReporter & { readonly dropped: number } {
  const {
    flushIntervalMs = 20,
    maxBatch = 100,
    maxBuffered = 10_000,
    maxAttempts = 6,
    fetch: doFetch = fetch,
  } = options;
  const url = `${options.apiUrl.replace(/\/$/, "")}/api/v1/sandboxes/${encodeURIComponent(options.sandboxId)}/events`;
  let buffer: OutgoingEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let dropped = 0;

  const schedule = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      void flush();
    }, flushIntervalMs);
    timer.unref?.();
  };

  const enforceBound = () => {
    if (buffer.length <= maxBuffered) return;
    const excess = buffer.length - maxBuffered;
    let removed = 0;
    buffer = buffer.filter((event) => !(removed < excess && event.type === "spec.heartbeat" && ++removed));
    if (buffer.length > maxBuffered) {
      removed += buffer.length - maxBuffered;
      buffer = buffer.slice(buffer.length - maxBuffered);
    }
    dropped += removed;
    options.onDrop?.(removed);
  };

  async function send(batch: OutgoingEvent[]) {
    // Retried with the same client event ids (lib/http/fetch-with-retry), so the server stores each event once.
    const answer = await fetchWithRetry(
      url,
      { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${options.token}` }, body: JSON.stringify({ events: batch }) },
      { retryDelaysMs: backoffDelays(maxAttempts, 200, 5_000), attemptTimeoutMs: ATTEMPT_TIMEOUT_MS, fetch: doFetch },
    );
    if (answer.ok) return;
    if (answer.status === 401 || answer.status === 403) options.onRejected?.(answer.status);
    // A 4xx other than 408/429 will fail the same way again: give up on this batch.
    throw HttpRefusedError.of(answer, `event batch refused: HTTP ${answer.status}`);
  }

  function flush(): Promise<void> {
    // Batches go out one after another so the server sees events in the order they happened.
    inFlight = inFlight.then(async () => {
      while (buffer.length > 0) {
        const batch = buffer.slice(0, maxBatch);
        try {
          await send(batch);
          buffer = buffer.slice(batch.length);
        } catch {
          // Keep them: the next flush retries with the same ids. Stop this round so we do not spin.
          return;
        }
      }
    });
    return inFlight;
  }

  return {
    get dropped() {
      return dropped;
    },
    emit(type, data) {
      buffer.push(makeEvent(type, data));
      enforceBound();
      if (buffer.length >= maxBatch) void flush();
      else schedule();
    },
    flush,
    async close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await flush();
    },
  };
}
