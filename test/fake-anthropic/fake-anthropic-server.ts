import { createHash, type Hash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A scriptable loopback stand-in for the Anthropic Messages API, for tests only. It speaks the wire format of API
 * version 2026-10-21 closely enough that the real `@anthropic-ai/sdk` client (retries, `messages.stream()`,
 * `finalMessage()`) runs against it unmodified. It never makes a model call: every answer comes from the script.
 */

export type FakeStopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal";

export type FakeContentBlock =
  | { type: "text"; text: string }
  | { type: "tool_use"; id?: string; name: string; input: Record<string, unknown> };

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

export interface FakeReplyStep {
  content: FakeContentBlock[];
  /** Defaults to `tool_use` when the content has a tool_use block, else `end_turn`. */
  stop_reason?: FakeStopReason;
  /** Any field left out is computed from the request and reply sizes (about 4 characters per token). */
  usage?: Partial<FakeUsage>;
  latencyMs?: number;
}

export interface FakeErrorStep {
  error: 400 | 401 | 403 | 404 | 408 | 413 | 429 | 500 | 502 | 503 | 504 | 529;
  /** Seconds, sent as `retry-after` (fractions allowed, which the SDK honours). */
  retryAfter?: number;
  message?: string;
  latencyMs?: number;
}

export interface FakeMalformedStep {
  malformed: true;
  latencyMs?: number;
}

export interface FakeDropStep {
  drop: true;
  /** What the reply would have been; the connection dies partway through it. */
  content?: FakeContentBlock[];
  latencyMs?: number;
}

export type FakeStep = FakeReplyStep | FakeErrorStep | FakeMalformedStep | FakeDropStep;

export type FakeScript = FakeStep[] | ((request: RecordedRequest, index: number) => FakeStep | Promise<FakeStep>);

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased header names, values as sent (the API key included, so tests can assert on it). */
  headers: Record<string, string>;
  apiKey: string | null;
  /** The parsed JSON body; undefined when it was not JSON. */
  body: any;
  stream: boolean;
  /** Index of the script step this request consumed, or null (auth failure, invalid request, count_tokens). */
  step: number | null;
  status?: number;
  /** The usage the fake reported for a reply, so tests can compare totals. */
  usage?: FakeUsage;
}

export interface FakeAnthropicOptions {
  script?: FakeScript;
  /** When set, a request whose key differs gets a 401 `authentication_error`. */
  expectedApiKey?: string;
  /** Reject requests the real API would reject (unpaired tool_use, more than 4 cache breakpoints…). Default true. */
  validate?: boolean;
}

export interface FakeAnthropic {
  /** Base URL for `new Anthropic({ baseURL })`, e.g. `http://127.0.0.1:43121`. */
  url: string;
  requests: RecordedRequest[];
  /** Only the POST /v1/messages requests, in order. */
  messageRequests(): RecordedRequest[];
  setScript(script: FakeScript): void;
  stop(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  408: "timeout_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  502: "api_error",
  503: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

const ERROR_MESSAGES: Record<number, string> = {
  429: "Number of request tokens has exceeded your per-minute rate limit",
  500: "Internal server error",
  529: "Overloaded",
};

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const validate = options.validate ?? true;
  // Hashes of every prompt prefix that ended at a cache breakpoint: a later request sharing one reads it.
  const cachedPrefixes = new Set<string>();
  let script: FakeScript = options.script ?? [];
  let stepIndex = 0;
  let messageCount = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks).toString("utf8")).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, 500, `fake-anthropic crashed: ${String(error)}`);
        else res.destroy();
      });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]),
    );
    const apiKey = headers["x-api-key"] || bearerToken(headers.authorization) || null;
    const body = parseJson(raw);
    const path = (req.url ?? "").split("?")[0] ?? "";
    const record: RecordedRequest = {
      method: req.method ?? "",
      path,
      headers,
      apiKey,
      body,
      stream: body?.stream === true,
      step: null,
    };
    requests.push(record);
    const answer = (status: number, message: string) => {
      record.status = status;
      sendError(res, status, message);
    };

    if (req.method !== "POST" || (path !== "/v1/messages" && path !== "/v1/messages/count_tokens")) {
      return answer(404, `Not found: ${req.method} ${path}`);
    }
    if (!apiKey) return answer(401, "x-api-key header is required");
    if (options.expectedApiKey !== undefined && apiKey !== options.expectedApiKey) {
      return answer(401, "invalid x-api-key");
    }
    if (body === undefined || typeof body !== "object" || body === null) {
      return answer(400, "There was an error parsing the body of your request");
    }
    if (path === "/v1/messages/count_tokens") {
      record.status = 200;
      return sendJson(res, 200, { input_tokens: estimateTokens(promptSegments(body).join("")) });
    }
    const invalid = validate ? findInvalidRequest(body) : null;
    if (invalid) return answer(400, invalid);

    const index = stepIndex++;
    const requestNumber = ++messageCount;
    const step = Array.isArray(script) ? script[index] : await script(record, index);
    if (!step) {
      record.status = 500;
      // x-should-retry: false keeps the SDK from retrying a test's scripting mistake.
      return sendError(res, 500, `fake-anthropic: the script has no step ${index}`, { "x-should-retry": "false" });
    }
    record.step = index;
    if (step.latencyMs) await sleep(step.latencyMs);
    if (res.destroyed) return;

    if ("error" in step) {
      record.status = step.error;
      const extra: Record<string, string> = {};
      if (step.retryAfter !== undefined) extra["retry-after"] = String(step.retryAfter);
      return sendError(res, step.error, step.message ?? ERROR_MESSAGES[step.error] ?? "Error", extra);
    }
    record.status = 200;
    if ("malformed" in step) return sendMalformed(res, record.stream, requestNumber);

    const reply: FakeReplyStep = "drop" in step ? { content: step.content ?? [{ type: "text", text: "cut off" }] } : step;
    const message = buildMessage(body, reply, requestNumber, cachedPrefixes);
    if ("drop" in step) return sendDropped(res, record.stream, message);
    record.usage = { ...message.usage };
    if (record.stream) return sendStream(res, message);
    return sendJson(res, 200, message.full);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    messageRequests: () => requests.filter((request) => request.path === "/v1/messages"),
    setScript(next) {
      script = next;
      stepIndex = 0;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface BuiltMessage {
  full: Record<string, unknown> & { content: Record<string, unknown>[] };
  usage: FakeUsage;
}

function buildMessage(body: any, step: FakeReplyStep, requestNumber: number, cachedPrefixes: Set<string>): BuiltMessage {
  const content = step.content.map((block, i) =>
    block.type === "text"
      ? { type: "text", text: block.text, citations: null }
      : {
          type: "tool_use",
          id: block.id ?? `toolu_fake_${requestNumber}_${i}`,
          name: block.name,
          input: block.input,
          caller: { type: "direct" },
        },
  );
  const hasToolUse = content.some((block) => block.type === "tool_use");
  const outputChars = step.content.map((b) => (b.type === "text" ? b.text : JSON.stringify(b.input))).join("");
  const usage: FakeUsage = {
    ...simulatePromptUsage(body, cachedPrefixes),
    output_tokens: estimateTokens(outputChars),
    ...step.usage,
  };
  const full = {
    id: `msg_fake_${requestNumber}`,
    type: "message",
    role: "assistant",
    model: body.model,
    content,
    stop_reason: step.stop_reason ?? (hasToolUse ? "tool_use" : "end_turn"),
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: apiUsage(usage),
  };
  return { full, usage };
}

function apiUsage(usage: FakeUsage) {
  return {
    input_tokens: usage.input_tokens,
    cache_creation_input_tokens: usage.cache_creation_input_tokens,
    cache_read_input_tokens: usage.cache_read_input_tokens,
    cache_creation: { ephemeral_5m_input_tokens: usage.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: usage.output_tokens,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: "standard",
    inference_geo: "global",
    speed: "standard",
  };
}

/**
 * The event sequence of a streamed reply as the API sends it: message_start (usage so far, empty content), a ping,
 * then per block a start, several deltas and a stop, then message_delta (stop reason, cumulative usage) and
 * message_stop. Tool input arrives as partial JSON split across deltas, the first one empty, as in real streams.
 */
function streamEvents(message: BuiltMessage): Array<[string, unknown]> {
  const { full, usage } = message;
  const events: Array<[string, unknown]> = [];
  events.push([
    "message_start",
    {
      type: "message_start",
      message: {
        ...full,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: apiUsage({ ...usage, output_tokens: 1 }),
      },
    },
  ]);
  events.push(["ping", { type: "ping" }]);
  full.content.forEach((block, index) => {
    if (block.type === "text") {
      events.push(["content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "", citations: null } }]);
      for (const piece of splitInto(String(block.text), 3)) {
        events.push(["content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text: piece } }]);
      }
    } else {
      events.push(["content_block_start", { type: "content_block_start", index, content_block: { ...block, input: {} } }]);
      const pieces = ["", ...splitInto(JSON.stringify(block.input), 4)];
      for (const piece of pieces) {
        events.push([
          "content_block_delta",
          { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: piece } },
        ]);
      }
    }
    events.push(["content_block_stop", { type: "content_block_stop", index }]);
  });
  events.push([
    "message_delta",
    {
      type: "message_delta",
      delta: { stop_reason: full.stop_reason, stop_sequence: null, stop_details: null, container: null },
      usage: {
        input_tokens: usage.input_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        output_tokens: usage.output_tokens,
        output_tokens_details: null,
        server_tool_use: null,
      },
    },
  ]);
  events.push(["message_stop", { type: "message_stop" }]);
  return events;
}

function sendStream(res: http.ServerResponse, message: BuiltMessage) {
  startStream(res, String(message.full.id));
  for (const [event, data] of streamEvents(message)) res.write(sseFrame(event, data));
  res.end();
}

function startStream(res: http.ServerResponse, messageId: string) {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    "request-id": `req_${messageId}`,
  });
}

function sendDropped(res: http.ServerResponse, stream: boolean, message: BuiltMessage) {
  if (stream) {
    startStream(res, String(message.full.id));
    // Enough of the stream for the client to be mid-message when the connection dies.
    for (const [event, data] of streamEvents(message).slice(0, 3)) res.write(sseFrame(event, data));
  } else {
    const text = JSON.stringify(message.full);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.write(text.slice(0, Math.floor(text.length / 2)));
  }
  setTimeout(() => res.socket?.destroy(), 5);
}

function sendMalformed(res: http.ServerResponse, stream: boolean, requestNumber: number) {
  if (stream) {
    startStream(res, `msg_fake_${requestNumber}`);
    res.end(`event: message_start\ndata: {"type":"message_start","message":{"id":"msg_fake_${requestNumber}",\n\n`);
    return;
  }
  const text = `{"id":"msg_fake_${requestNumber}","type":"message","content":[{"type":"text","text":"cut`;
  res.writeHead(200, { "content-type": "application/json", "request-id": `req_${requestNumber}` });
  res.end(text);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "request-id": `req_fake_${Date.now().toString(36)}`,
    ...extra,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, message: string, extra: Record<string, string> = {}) {
  const body = {
    type: "error",
    error: { type: ERROR_TYPES[status] ?? "api_error", message },
    request_id: `req_fake_error_${status}`,
  };
  sendJson(res, status, body, extra);
}

function sseFrame(event: string, data: unknown) {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Prompt-cache accounting modelled on the real API: the prompt is read in the order tools → system → messages; a
 * request reads the longest prefix an earlier request wrote at one of its breakpoints, writes everything from there
 * to its own last breakpoint, and pays full price for the rest. Markers are left out of the prefix identity because
 * a client moves them every turn. (The real API also has a minimum cacheable length; the fake has none so that
 * small test prompts show cache activity.)
 */
function simulatePromptUsage(body: any, cachedPrefixes: Set<string>) {
  const segments = promptSegments(body);
  const breakpoints = cacheBreakpoints(body);
  const total = estimateTokens(segments.join("")) + 3;
  if (breakpoints.length === 0) return { input_tokens: total, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };

  const hashes: string[] = [];
  const tokensAt: number[] = [];
  const hash: Hash = createHash("sha256");
  let chars = 0;
  for (const segment of segments) {
    hash.update(segment);
    chars += segment.length;
    hashes.push(hash.copy().digest("hex"));
    tokensAt.push(estimateTokens(chars));
  }
  let read = 0;
  for (let i = 0; i < hashes.length; i++) if (cachedPrefixes.has(hashes[i]!)) read = tokensAt[i]!;
  const lastBreakpoint = breakpoints[breakpoints.length - 1]!;
  const written = Math.max(0, tokensAt[lastBreakpoint]! - read);
  for (const position of breakpoints) cachedPrefixes.add(hashes[position]!);
  return { input_tokens: Math.max(1, total - read - written), cache_read_input_tokens: read, cache_creation_input_tokens: written };
}

/** One string per cacheable block, in prompt order, with cache_control markers removed. */
function promptSegments(body: any): string[] {
  const strip = (block: any) => {
    if (!block || typeof block !== "object") return JSON.stringify(block);
    const { cache_control: _marker, ...rest } = block;
    return JSON.stringify(rest);
  };
  const segments: string[] = [];
  for (const tool of asArray(body.tools)) segments.push(strip(tool));
  for (const block of systemBlocks(body.system)) segments.push(strip(block));
  for (const message of asArray(body.messages)) {
    for (const block of contentBlocks(message?.content)) segments.push(`${message?.role}:${strip(block)}`);
  }
  return segments;
}

/** Positions (in promptSegments order) of the blocks that carry cache_control. */
function cacheBreakpoints(body: any): number[] {
  const marked: boolean[] = [];
  for (const tool of asArray(body.tools)) marked.push(Boolean(tool?.cache_control));
  for (const block of systemBlocks(body.system)) marked.push(Boolean(block?.cache_control));
  for (const message of asArray(body.messages)) {
    for (const block of contentBlocks(message?.content)) marked.push(Boolean(block?.cache_control));
  }
  return marked.flatMap((isMarked, i) => (isMarked ? [i] : []));
}

/** The checks of the real API that catch agent-loop bugs; answers with the API's wording where it is known. */
function findInvalidRequest(body: any): string | null {
  if (typeof body.model !== "string" || body.model === "") return "model: Field required";
  if (!Number.isInteger(body.max_tokens) || body.max_tokens < 0) return "max_tokens: Field required";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "messages: at least one message is required";
  if (cacheBreakpoints(body).length > 4) {
    return "A maximum of 4 blocks with cache_control may be provided. Found " + cacheBreakpoints(body).length + ".";
  }
  const toolNames = new Set<string>();
  for (const [i, tool] of asArray(body.tools).entries()) {
    if (typeof tool?.name !== "string") return `tools.${i}.name: Field required`;
    if (toolNames.has(tool.name)) return `tools: Tool names must be unique. Duplicate: ${tool.name}`;
    toolNames.add(tool.name);
    if (tool.input_schema?.type !== "object") return `tools.${i}.input_schema.type: Input should be 'object'`;
  }
  const messages: any[] = body.messages;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (!["user", "assistant", "system"].includes(message?.role)) return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    const blocks = contentBlocks(message.content);
    const results = blocks.filter((block) => block?.type === "tool_result");
    if (results.length > 0) {
      const previous = messages[i - 1];
      const uses = new Set(
        previous?.role === "assistant"
          ? contentBlocks(previous.content).filter((b) => b?.type === "tool_use").map((b) => b.id)
          : [],
      );
      for (const result of results) {
        if (!uses.has(result.tool_use_id)) {
          return `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${result.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
        }
      }
      const firstOther = blocks.findIndex((block) => block?.type !== "tool_result");
      if (firstOther !== -1 && blocks.slice(firstOther).some((block) => block?.type === "tool_result")) {
        return `messages.${i}.content: tool_result blocks must come before any other content in a user message`;
      }
    }
    if (message.role === "assistant") {
      const ids = blocks.filter((b) => b?.type === "tool_use").map((b) => String(b.id));
      if (ids.length === 0) continue;
      const next = messages[i + 1];
      if (!next) continue; // a trailing assistant turn is a prefill, not an unanswered tool call
      const answered = new Set(
        next.role === "user" ? contentBlocks(next.content).filter((b) => b?.type === "tool_result").map((b) => b.tool_use_id) : [],
      );
      const missing = ids.filter((id) => !answered.has(id));
      if (missing.length > 0) {
        return `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
      }
    }
  }
  return null;
}

function systemBlocks(system: unknown): any[] {
  if (typeof system === "string") return system ? [{ type: "text", text: system }] : [];
  return asArray(system);
}

function contentBlocks(content: unknown): any[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return asArray(content);
}

function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

function estimateTokens(textOrChars: string | number): number {
  const chars = typeof textOrChars === "number" ? textOrChars : textOrChars.length;
  return Math.max(1, Math.ceil(chars / 4));
}

function splitInto(text: string, parts: number): string[] {
  if (text.length === 0) return [""];
  const size = Math.max(1, Math.ceil(text.length / parts));
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return match?.[1];
}

function parseJson(raw: string): any {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
