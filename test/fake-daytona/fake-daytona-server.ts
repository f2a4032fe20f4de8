import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for the Daytona control-plane API and a sandbox's toolbox (daemon), for tests only. It
 * implements exactly the endpoints `@daytonaio/sdk` 0.218.0 calls for what the Daytona sandbox provider does, with
 * the request and response shapes of that SDK's generated clients, so the real SDK runs against it unmodified.
 *
 * Two URL spaces share one server, as in production where they are different hosts:
 * - `<url>/api/...`: the control plane (`apiUrl` of the SDK);
 * - `<url>/toolbox/<sandboxId>/...`: the toolbox proxy. Sandboxes report `toolboxProxyUrl: <url>/toolbox` and the
 *   SDK appends `/<sandboxId>` itself, so everything stays on loopback.
 *
 * Nothing runs: commands are recorded and answered from in-memory state that tests control (session commands stay
 * "running" until `finishCommand`). Requests the fake does not know get a 404 and land in `unknown`, which is how the
 * endpoint list below was checked against the SDK.
 */

export type FakeSandboxState =
  | "creating"
  | "started"
  | "starting"
  | "stopping"
  | "stopped"
  | "archived"
  | "destroying"
  | "destroyed"
  | "error"
  | "build_failed";

export interface FakeUploadedFile {
  path: string;
  content: Buffer;
}

export interface RecordedDaytonaRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body; undefined for an empty or non-JSON body. */
  body: any;
  /** Files of a multipart upload. */
  files?: FakeUploadedFile[];
  status?: number;
}

export interface FakeCommand {
  id: string;
  command: string;
  runAsync: boolean;
  /** undefined while running. */
  exitCode?: number;
  stdout: string;
  stderr: string;
}

export interface FakeSession {
  id: string;
  commands: FakeCommand[];
}

export interface FakeExecution {
  command: string;
  cwd?: string;
  envs?: Record<string, string>;
  timeout?: number;
}

export interface FakeClone {
  url: string;
  path: string;
  branch?: string;
  username?: string;
  password?: string;
}

export interface FakeSandbox {
  id: string;
  state: FakeSandboxState;
  errorReason?: string;
  /** The create request as received. */
  createBody: any;
  labels: Record<string, string>;
  env: Record<string, string>;
  home: string;
  files: Map<string, Buffer>;
  folders: Set<string>;
  /** Octal modes, as last given by a folder creation or a `setFilePermissions` call, by path. */
  modes: Map<string, string>;
  clones: FakeClone[];
  /** git.push calls (path, branch and the credentials passed with the call). */
  pushes: { path: string; branch?: string; username?: string; password?: string }[];
  executions: FakeExecution[];
  sessions: Map<string, FakeSession>;
  deleted: boolean;
}

export interface FakeExecResult {
  exitCode: number;
  result: string;
}

export interface FakeDaytonaOptions {
  apiKey: string;
  /** Answers `process/execute`; default: exit 0, no output. */
  onExecute?: (sandbox: FakeSandbox, execution: FakeExecution) => FakeExecResult;
  /** Adjusts a sandbox right after it is created (e.g. to make it fail to start). */
  onCreate?: (sandbox: FakeSandbox) => void;
}

export interface FakeDaytona {
  url: string;
  /** What to pass as the SDK's `apiUrl`. */
  apiUrl: string;
  requests: RecordedDaytonaRequest[];
  /** Requests to endpoints the fake does not implement (answered 404). */
  unknown: RecordedDaytonaRequest[];
  sandboxes: Map<string, FakeSandbox>;
  /**
   * The next request whose path matches (a substring, or a RegExp on the path) gets `status` instead of its normal
   * answer; `method` narrows it to one HTTP method.
   */
  failNext(pathPattern: string | RegExp, status: number, options?: { message?: string; method?: string }): void;
  /** Ends a running session command. */
  finishCommand(sandboxId: string, sessionId: string, result: { exitCode: number; stdout?: string; stderr?: string }): void;
  /** Appends output to a running session command. */
  writeOutput(sandboxId: string, sessionId: string, stdout: string, stderr?: string): void;
  stop(): Promise<void>;
}

interface Failure {
  pattern: string | RegExp;
  status: number;
  message?: string;
  method?: string;
}

const HOME = "/home/daytona";
/** Daytona's API rejects resources next to a snapshot (the snapshot fixes them). */
const SNAPSHOT_RESOURCES_ERROR = "Cannot specify Sandbox resources when using a snapshot";

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startFakeDaytona(options: FakeDaytonaOptions): Promise<FakeDaytona> {
  const requests: RecordedDaytonaRequest[] = [];
  const unknown: RecordedDaytonaRequest[] = [];
  const sandboxes = new Map<string, FakeSandbox>();
  const failures: Failure[] = [];
  let url = "";

  const toolboxUrl = () => `${url}/toolbox`;

  function sandboxJson(sandbox: FakeSandbox) {
    const body = sandbox.createBody ?? {};
    const now = new Date().toISOString();
    return {
      id: sandbox.id,
      organizationId: "org-fake",
      name: body.name ?? sandbox.id,
      snapshot: body.snapshot,
      user: body.user ?? "daytona",
      env: sandbox.env,
      labels: sandbox.labels,
      public: body.public ?? false,
      networkBlockAll: false,
      target: body.target ?? "us",
      cpu: body.cpu ?? 1,
      gpu: body.gpu ?? 0,
      memory: body.memory ?? 1,
      disk: body.disk ?? 3,
      state: sandbox.state,
      desiredState: sandbox.state === "stopped" ? "stopped" : sandbox.deleted ? "destroyed" : "started",
      errorReason: sandbox.errorReason,
      backupState: "None",
      autoStopInterval: body.autoStopInterval ?? 15,
      autoArchiveInterval: body.autoArchiveInterval ?? 10080,
      autoDeleteInterval: body.autoDeleteInterval ?? -1,
      volumes: [],
      buildInfo: body.buildInfo,
      createdAt: now,
      updatedAt: now,
      toolboxProxyUrl: toolboxUrl(),
    };
  }

  function findSandbox(idOrName: string): FakeSandbox {
    const sandbox = sandboxes.get(idOrName);
    if (!sandbox || sandbox.deleted) throw new HttpError(404, `Sandbox with ID or name ${idOrName} not found`);
    return sandbox;
  }

  function startedSandbox(id: string): FakeSandbox {
    const sandbox = findSandbox(id);
    // The proxy cannot reach the daemon of a sandbox that is not running.
    if (sandbox.state !== "started") throw new HttpError(400, `Sandbox ${id} is not started (state: ${sandbox.state}). Is the Sandbox started?`);
    return sandbox;
  }

  function findSession(sandbox: FakeSandbox, sessionId: string): FakeSession {
    const session = sandbox.sessions.get(sessionId);
    if (!session) throw new HttpError(404, `session ${sessionId} not found`);
    return session;
  }

  function commandJson(command: FakeCommand) {
    return { id: command.id, command: command.command, exitCode: command.exitCode };
  }

  /** `multipart`: a bulk-download answer, one part per requested file (`file`) or per failure (`error`). */
  type Reply = { status: number; body?: unknown; multipart?: { name: string; filename: string; content: Buffer; contentType?: string }[] };

  function controlPlane(method: string, rest: string, query: Record<string, string>, body: any): Reply | null {
    if (method === "POST" && rest === "/sandbox") {
      const request = body ?? {};
      const hasResources = [request.cpu, request.gpu, request.memory, request.disk].some((v) => v !== undefined && v !== null && v !== 0);
      if (request.buildInfo && request.snapshot) throw new HttpError(400, "Cannot specify a snapshot when using a build info entry");
      if (!request.buildInfo && hasResources) throw new HttpError(400, SNAPSHOT_RESOURCES_ERROR);
      const sandbox: FakeSandbox = {
        id: randomUUID(),
        state: "started",
        createBody: request,
        labels: { ...(request.labels ?? {}) },
        env: { ...(request.env ?? {}) },
        home: HOME,
        files: new Map(),
        folders: new Set([HOME]),
        modes: new Map(),
        clones: [],
        pushes: [],
        executions: [],
        sessions: new Map(),
        deleted: false,
      };
      sandboxes.set(sandbox.id, sandbox);
      options.onCreate?.(sandbox);
      return { status: 200, body: sandboxJson(sandbox) };
    }
    if (method === "GET" && rest === "/sandbox") {
      const wanted: Record<string, string> = query.labels ? JSON.parse(query.labels) : {};
      const items = [...sandboxes.values()]
        .filter((s) => !s.deleted)
        .filter((s) => Object.entries(wanted).every(([k, v]) => s.labels[k] === v))
        .map(sandboxJson);
      return { status: 200, body: { items } };
    }
    const match = /^\/sandbox\/([^/]+)(\/.*)?$/.exec(rest);
    if (!match) return null;
    const id = decodeURIComponent(match[1]!);
    const action = match[2] ?? "";
    if (method === "GET" && action === "") return { status: 200, body: sandboxJson(findSandbox(id)) };
    if (method === "DELETE" && action === "") {
      const sandbox = findSandbox(id);
      sandbox.deleted = true;
      sandbox.state = "destroyed";
      sandbox.sessions.clear();
      return { status: 200, body: { ...sandboxJson(sandbox), state: "destroying" } };
    }
    if (method === "POST" && action === "/start") {
      const sandbox = findSandbox(id);
      sandbox.state = "started";
      return { status: 200, body: sandboxJson(sandbox) };
    }
    if (method === "POST" && action === "/stop") {
      const sandbox = findSandbox(id);
      if (sandbox.state !== "started") throw new HttpError(400, `Sandbox is not started (state: ${sandbox.state})`);
      sandbox.state = "stopped";
      // The daemon restarts with the sandbox: sessions and their processes are gone.
      for (const session of sandbox.sessions.values()) {
        for (const command of session.commands) if (command.exitCode === undefined) command.exitCode = 137;
      }
      sandbox.sessions.clear();
      return { status: 200, body: sandboxJson(sandbox) };
    }
    if (method === "PUT" && action === "/labels") {
      const sandbox = findSandbox(id);
      sandbox.labels = { ...(body?.labels ?? {}) };
      return { status: 200, body: { labels: sandbox.labels } };
    }
    if (method === "GET" && action === "/toolbox-proxy-url") {
      findSandbox(id);
      return { status: 200, body: { url: toolboxUrl() } };
    }
    return null;
  }

  function toolbox(method: string, id: string, rest: string, query: Record<string, string>, body: any, files: FakeUploadedFile[] | undefined): Reply | null {
    const known =
      /^\/(user-home-dir|work-dir|git\/clone|git\/push|files|files\/folder|files\/bulk-upload|files\/bulk-download|process\/execute|process\/session)(\/.*)?$/.test(rest);
    if (!known) return null;
    const sandbox = startedSandbox(id);

    if (method === "GET" && rest === "/user-home-dir") return { status: 200, body: { dir: sandbox.home } };
    if (method === "GET" && rest === "/work-dir") return { status: 200, body: { dir: sandbox.home } };
    if (method === "POST" && rest === "/git/clone") {
      if (!body?.url || !body?.path) throw new HttpError(400, "url and path are required");
      sandbox.clones.push({ url: body.url, path: body.path, branch: body.branch, username: body.username, password: body.password });
      sandbox.folders.add(body.path);
      return { status: 200 };
    }
    if (method === "POST" && rest === "/git/push") {
      if (!body?.path) throw new HttpError(400, "path is required");
      sandbox.pushes.push({ path: body.path, branch: body.branch, username: body.username, password: body.password });
      return { status: 200 };
    }
    if (method === "POST" && rest === "/files/folder") {
      if (!query.path) throw new HttpError(400, "path is required");
      sandbox.folders.add(query.path);
      if (query.mode) sandbox.modes.set(query.path, query.mode);
      return { status: 201 };
    }
    if (method === "POST" && rest === "/files/permissions") {
      if (!query.path) throw new HttpError(400, "path is required");
      if (!sandbox.files.has(query.path) && !sandbox.folders.has(query.path)) throw new HttpError(404, `file ${query.path} not found`);
      if (query.mode) sandbox.modes.set(query.path, query.mode);
      return { status: 200 };
    }
    if (method === "POST" && rest === "/files/bulk-download") {
      const paths: string[] = Array.isArray(body?.paths) ? body.paths : [];
      return { status: 200, multipart: paths.map((p) => (sandbox.files.has(p) ? { name: "file", filename: p, content: sandbox.files.get(p)! } : { name: "error", filename: p, content: Buffer.from(JSON.stringify({ message: `file ${p} not found`, statusCode: 404 })), contentType: "application/json" })) };
    }
    if (method === "DELETE" && rest === "/files") {
      if (!query.path || !sandbox.files.delete(query.path)) throw new HttpError(404, `file ${query.path} not found`);
      return { status: 204 };
    }
    if (method === "POST" && rest === "/files/bulk-upload") {
      if (!files?.length) throw new HttpError(400, "no files in the upload");
      // An uploaded file gets the daemon's default mode, whatever an earlier file at that path had.
      for (const file of files) {
        sandbox.files.set(file.path, file.content);
        sandbox.modes.delete(file.path);
      }
      return { status: 200 };
    }
    if (method === "POST" && rest === "/process/execute") {
      const execution: FakeExecution = { command: body?.command, cwd: body?.cwd, envs: body?.envs, timeout: body?.timeout };
      sandbox.executions.push(execution);
      const result = options.onExecute?.(sandbox, execution) ?? { exitCode: 0, result: "" };
      return { status: 200, body: result };
    }
    if (method === "POST" && rest === "/process/session") {
      const sessionId = body?.sessionId;
      if (!sessionId) throw new HttpError(400, "sessionId is required");
      if (sandbox.sessions.has(sessionId)) throw new HttpError(409, `session ${sessionId} already exists`);
      sandbox.sessions.set(sessionId, { id: sessionId, commands: [] });
      return { status: 201 };
    }
    const session = /^\/process\/session\/([^/]+)(\/.*)?$/.exec(rest);
    if (!session) return null;
    const sessionId = decodeURIComponent(session[1]!);
    const sub = session[2] ?? "";
    if (method === "GET" && sub === "") {
      const found = findSession(sandbox, sessionId);
      return { status: 200, body: { sessionId, commands: found.commands.map(commandJson) } };
    }
    if (method === "DELETE" && sub === "") {
      const found = findSession(sandbox, sessionId);
      // Deleting a session kills its shell and what runs in it.
      for (const command of found.commands) if (command.exitCode === undefined) command.exitCode = 137;
      sandbox.sessions.delete(sessionId);
      return { status: 204 };
    }
    if (method === "POST" && sub === "/exec") {
      const found = findSession(sandbox, sessionId);
      if (typeof body?.command !== "string") throw new HttpError(400, "command is required");
      const runAsync = Boolean(body.runAsync ?? body.async);
      const command: FakeCommand = { id: randomUUID(), command: body.command, runAsync, stdout: "", stderr: "" };
      found.commands.push(command);
      if (runAsync) return { status: 202, body: { cmdId: command.id } };
      command.exitCode = 0;
      return { status: 200, body: { cmdId: command.id, exitCode: 0, output: "", stdout: "", stderr: "" } };
    }
    const commandMatch = /^\/command\/([^/]+)(\/logs)?$/.exec(sub);
    if (method === "GET" && commandMatch) {
      const found = findSession(sandbox, sessionId);
      const command = found.commands.find((c) => c.id === decodeURIComponent(commandMatch[1]!));
      if (!command) throw new HttpError(404, "command not found");
      if (commandMatch[2]) {
        return { status: 200, body: { output: command.stdout + command.stderr, stdout: command.stdout, stderr: command.stderr } };
      }
      return { status: 200, body: commandJson(command) };
    }
    return null;
  }

  function route(request: RecordedDaytonaRequest): Reply | null {
    const { method, path, query, body, files } = request;
    if (path === "/api" || path.startsWith("/api/")) return controlPlane(method, path.slice(4), query, body);
    const tb = /^\/toolbox\/([^/]+)(\/.*)$/.exec(path);
    if (tb) return toolbox(method, decodeURIComponent(tb[1]!), tb[2]!, query, body, files);
    return null;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const parsed = new URL(req.url ?? "/", "http://fake");
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
      }
      const contentType = headers["content-type"] ?? "";
      const recorded: RecordedDaytonaRequest = {
        method: req.method ?? "GET",
        path: parsed.pathname,
        query: Object.fromEntries(parsed.searchParams),
        headers,
        body: undefined,
      };
      if (contentType.startsWith("multipart/form-data")) {
        recorded.files = parseMultipartUpload(raw, contentType);
      } else if (raw.length > 0) {
        try {
          recorded.body = JSON.parse(raw.toString("utf8"));
        } catch {
          recorded.body = undefined;
        }
      }
      requests.push(recorded);

      const send = (status: number, body?: unknown) => {
        recorded.status = status;
        if (body === undefined) {
          res.writeHead(status).end();
          return;
        }
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      };
      const error = (status: number, message: string) =>
        send(status, { statusCode: status, message, error: http.STATUS_CODES[status] ?? "Error" });

      if (headers.authorization !== `Bearer ${options.apiKey}`) return error(401, "Invalid credentials");
      const failureIndex = failures.findIndex(
        (f) =>
          (!f.method || f.method.toUpperCase() === recorded.method) &&
          (typeof f.pattern === "string" ? recorded.path.includes(f.pattern) : f.pattern.test(recorded.path)),
      );
      if (failureIndex >= 0) {
        const [failure] = failures.splice(failureIndex, 1);
        return error(failure!.status, failure!.message ?? `injected failure on ${recorded.path}`);
      }
      try {
        const reply = route(recorded);
        if (!reply) {
          unknown.push(recorded);
          return error(404, `fake Daytona does not implement ${recorded.method} ${recorded.path}`);
        }
        if (reply.multipart) return sendMultipart(res, recorded, reply.multipart);
        send(reply.status, reply.body);
      } catch (err) {
        if (err instanceof HttpError) return error(err.status, err.message);
        error(500, err instanceof Error ? err.message : String(err));
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function runningCommand(sandboxId: string, sessionId: string): FakeCommand {
    const session = sandboxes.get(sandboxId)?.sessions.get(sessionId);
    const command = session?.commands.at(-1);
    if (!command) throw new Error(`fake Daytona: no command in session ${sessionId} of sandbox ${sandboxId}`);
    return command;
  }

  return {
    url,
    apiUrl: `${url}/api`,
    requests,
    unknown,
    sandboxes,
    failNext(pattern, status, failure = {}) {
      failures.push({ pattern, status, ...failure });
    },
    finishCommand(sandboxId, sessionId, result) {
      const command = runningCommand(sandboxId, sessionId);
      command.stdout += result.stdout ?? "";
      command.stderr += result.stderr ?? "";
      command.exitCode = result.exitCode;
    },
    writeOutput(sandboxId, sessionId, stdout, stderr = "") {
      const command = runningCommand(sandboxId, sessionId);
      command.stdout += stdout;
      command.stderr += stderr;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The daemon's bulk download: a multipart/form-data body whose parts carry each file's path as their filename. */
function sendMultipart(
  res: http.ServerResponse,
  recorded: RecordedDaytonaRequest,
  parts: { name: string; filename: string; content: Buffer; contentType?: string }[],
) {
  const boundary = `fake-daytona-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const headers = [
      `--${boundary}`,
      `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"`,
      `Content-Type: ${part.contentType ?? "application/octet-stream"}`,
      `Content-Length: ${part.content.length}`,
      "",
      "",
    ].join("\r\n");
    chunks.push(Buffer.from(headers), part.content, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  recorded.status = 200;
  res.writeHead(200, { "content-type": `multipart/form-data; boundary=${boundary}` }).end(Buffer.concat(chunks));
}

/** The SDK's bulk upload: `files[i].path` text fields next to `files[i].file` file parts. */
function parseMultipartUpload(raw: Buffer, contentType: string): FakeUploadedFile[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const paths = new Map<string, string>();
  const contents = new Map<string, Buffer>();
  let position = raw.indexOf(delimiter);
  while (position >= 0) {
    const start = position + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === "--") break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    // Each part: CRLF, headers, blank line, content, CRLF before the next delimiter.
    const part = raw.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    const partHeaders = part.subarray(0, headerEnd).toString("utf8");
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/.exec(partHeaders)?.[1] ?? "";
    const field = /^files\[(\d+)\]\.(path|file)$/.exec(name);
    if (field) {
      if (field[2] === "path") paths.set(field[1]!, content.toString("utf8"));
      else contents.set(field[1]!, Buffer.from(content));
    }
    position = next;
  }
  return [...contents.entries()].map(([index, content]) => ({ path: paths.get(index) ?? "", content }));
}
