import fs from "node:fs";
import path from "node:path";
import { normalizeAppPath } from "next/dist/shared/lib/router/utils/app-paths";
import { getRouteRegex } from "next/dist/shared/lib/router/utils/route-regex";
import { getSortedRoutes } from "next/dist/shared/lib/router/utils/sorted-routes";
import { describe, expect, it } from "vitest";
import type { NativeRoute } from "@/lib/http/node-adapter";
import { MODEL_CALL_PATHS } from "@/lib/llm/serve-model-call";
import { HOT_ROUTES } from "@/scripts/hot-routes";

// `npm start` answers some paths itself before Next sees them (scripts/start.ts): MODEL_CALL_PATHS exactly, then
// HOT_ROUTES by regex. Both tables restate what app/'s folders already say, so they can silently drift from it — a
// folder renamed, a [param] renamed, a static sibling added that Next would prefer. Then `npm start` serves a path
// with a module Next would not pick (or that no longer exists under that name) while `next dev` and the route tests
// stay green. This test derives, from the app/ folder tree, the file Next's app router picks for a sample URL of every
// entry — with Next's own ordering and matching code (static segments before [param] before [...catchAll]) — and
// requires it to be the very module the table serves, with the same param names. The "fails after …" cases below run
// the same checks against a tree with a folder renamed, and must find the drift.

const APP_DIR = path.resolve("app");
const LEAF = /^(route|page)\.(ts|tsx|js|jsx|mjs)$/;

type Load = (file: string) => Promise<Record<string, unknown>>;

/** Every route and page file under app/, relative to it ("api/v1/specs/[specId]/events/route.ts"). */
function appLeafFiles(dir = APP_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return appLeafFiles(full);
    return LEAF.test(entry.name) ? [path.relative(APP_DIR, full).split(path.sep).join("/")] : [];
  });
}

/** The URL shape a file answers, as Next derives it: route groups and @slots dropped, the leaf name dropped. */
const routeOf = (file: string) => normalizeAppPath(`/${file.replace(/\.[^./]+$/, "")}`);

/** The file Next's app router answers `pathname` with, or null for a 404. */
function nextPick(files: readonly string[], pathname: string): string | null {
  const byRoute = new Map<string, string>();
  for (const file of files) {
    const route = routeOf(file);
    // Next refuses to build with a page and a route handler (or two groups) at one URL; so does this test.
    if (byRoute.has(route)) throw new Error(`app/${byRoute.get(route)} and app/${file} both answer ${route}`);
    byRoute.set(route, file);
  }
  // getSortedRoutes is Next's own order of precedence (it also refuses two different [param] names at one level).
  for (const route of getSortedRoutes([...byRoute.keys()])) {
    if (getRouteRegex(route).re.test(pathname)) return byRoute.get(route)!;
  }
  return null;
}

/** The names of a route file's dynamic segments, in URL order: what its handler finds in `params`. */
function paramNamesOf(file: string): string[] {
  const { groups } = getRouteRegex(routeOf(file));
  return Object.entries(groups)
    .sort(([, a], [, b]) => a.pos - b.pos)
    .map(([name]) => name);
}

/** A concrete URL of a file's route: each dynamic segment filled with a sample value. */
const sampleOfFile = (file: string) => routeOf(file).replace(/\[\[?(?:\.\.\.)?([^\]]+)\]?\]/g, "sample-$1");

/**
 * A URL a hot route's pattern matches, its captures filled with `sample-<key>`. The table's patterns are anchored
 * literals with `([^/]+)` captures; anything else is refused here (extend this, rather than loosen the check).
 */
function sampleOfPattern(route: NativeRoute): string {
  const { source } = route.pattern;
  if (!source.startsWith("^") || !source.endsWith("$")) throw new Error(`${source}: a hot route's pattern must be anchored (^…$)`);
  const literals = source.slice(1, -1).split("([^/]+)");
  if (literals.length - 1 !== route.keys.length) throw new Error(`${source}: ${literals.length - 1} captures for keys [${route.keys.join(", ")}]`);
  return literals
    .map((literal, i) => {
      if (!/^(?:\\\/|[\w-])*$/.test(literal)) throw new Error(`${source}: cannot sample the literal part ${JSON.stringify(literal)}`);
      const text = literal.replaceAll("\\/", "/");
      return i < route.keys.length ? `${text}sample-${route.keys[i]}` : text;
    })
    .join("");
}

/** What is wrong with a hot-route table against an app/ tree; empty when `npm start` and Next agree. */
async function hotRouteProblems(table: readonly NativeRoute[], files: readonly string[], load: Load): Promise<string[]> {
  const problems: string[] = [];
  const routeFiles = files.filter((file) => /\/route\.\w+$/.test(file));
  for (const route of table) {
    const sample = sampleOfPattern(route);
    const name = `${route.pattern} (sample ${sample})`;
    const file = nextPick(files, sample);
    if (!file) {
      problems.push(`${name}: no file under app/ answers it — a route folder renamed or removed?`);
      continue;
    }
    const names = paramNamesOf(file);
    if (names.join() !== route.keys.join()) {
      problems.push(`${name}: app/${file} takes params [${names.join(", ")}], the table passes [${route.keys.join(", ")}]`);
    }
    if ((await load(file)) !== route.module) problems.push(`${name}: Next picks app/${file}, the table serves another module`);
    // Shadowing: any other route whose URLs this pattern also catches (a static sibling of a [param], say) must be
    // the same module, or npm start would answer that route's URLs with the wrong handler.
    for (const other of routeFiles) {
      const url = sampleOfFile(other);
      if (other === file || !route.pattern.test(url)) continue;
      const picked = nextPick(files, url);
      if (picked && (await load(picked)) !== route.module) problems.push(`${name}: also catches ${url}, which Next answers with app/${picked}`);
    }
  }
  return problems;
}

/**
 * What is wrong with the model-call paths against an app/ tree. They are served natively by design (every agent's
 * hot path), but app/ must have the same route at the same static URL, for `next dev`, the tests and any request that
 * reaches Next — and it must be the model-call route for the same endpoint.
 */
async function modelCallProblems(paths: Record<string, string>, files: readonly string[], load: Load): Promise<string[]> {
  const problems: string[] = [];
  for (const [pathname, endpoint] of Object.entries(paths)) {
    const file = nextPick(files, pathname);
    if (!file) {
      problems.push(`${pathname}: no file under app/ answers it — a route folder renamed or removed?`);
      continue;
    }
    if (routeOf(file) !== pathname) problems.push(`${pathname}: Next answers it with the dynamic app/${file}, not a route of its own`);
    if (typeof (await load(file)).POST !== "function") problems.push(`${pathname}: app/${file} has no POST handler`);
    // The handler is a closure over its endpoint; the route file names it in a single call, the one place to read it.
    const declared = /modelCallRoute\("([^"]+)"\)/.exec(fs.readFileSync(path.join(APP_DIR, file), "utf8"))?.[1];
    if (declared !== endpoint) problems.push(`${pathname}: app/${file} serves endpoint ${declared}, the table ${endpoint}`);
  }
  return problems;
}

const FILES = appLeafFiles();
const loadReal: Load = (file) => import(path.join(APP_DIR, file));

/** The tree as it would be after `git mv` of a folder: same modules, new paths (the loader follows the move). */
function renamed(from: string, to: string): { files: string[]; load: Load } {
  return {
    files: FILES.map((file) => (file.startsWith(from) ? to + file.slice(from.length) : file)),
    load: (file) => loadReal(file.startsWith(to) ? from + file.slice(to.length) : file),
  };
}

describe("npm start's fast-path tables agree with app/", () => {
  it("samples every hot route's pattern into a URL the pattern matches, with the sample values as its params", () => {
    for (const route of HOT_ROUTES) {
      const match = route.pattern.exec(sampleOfPattern(route));
      expect(match?.slice(1), String(route.pattern)).toEqual(route.keys.map((key) => `sample-${key}`));
    }
  });

  it("serves each hot route's URLs with the module Next's app router picks for them, under the same param names", async () => {
    expect(HOT_ROUTES.length).toBeGreaterThan(0);
    expect(await hotRouteProblems(HOT_ROUTES, FILES, loadReal)).toEqual([]);
  });

  it("serves model calls only at paths app/ has a model-call route of its own for, with the same endpoint", async () => {
    expect(Object.keys(MODEL_CALL_PATHS).length).toBeGreaterThan(0);
    expect(await modelCallProblems(MODEL_CALL_PATHS, FILES, loadReal)).toEqual([]);
  });

  it("resolves like Next: a static segment before a [param] (specs/launch is not a spec id)", () => {
    expect(nextPick(FILES, "/api/v1/specs/launch")).toBe("api/v1/specs/launch/route.ts");
    expect(nextPick(FILES, "/api/v1/specs/abc")).toBe("api/v1/specs/[specId]/route.ts");
    expect(nextPick(FILES, "/api/v1/specs/abc/nothing-here")).toBeNull();
  });
});

describe("the same checks fail when app/ moves under the tables", () => {
  it("fails after a route folder is renamed (the import followed the move, the pattern did not)", async () => {
    const tree = renamed("api/v1/sandboxes/[id]/events/", "api/v1/sandboxes/[id]/event-stream/");
    const problems = await hotRouteProblems(HOT_ROUTES, tree.files, tree.load);
    expect(problems).toEqual([expect.stringMatching(/sandboxes.*events.*no file under app\/ answers it/)]);
  });

  it("fails after a dynamic segment is renamed: the handler would read a param the fast path does not pass", async () => {
    const tree = renamed("api/v1/sandboxes/[id]/", "api/v1/sandboxes/[sandboxId]/");
    const problems = await hotRouteProblems(HOT_ROUTES, tree.files, tree.load);
    expect(problems.length).toBe(HOT_ROUTES.filter((route) => route.pattern.source.includes("sandboxes")).length);
    for (const problem of problems) expect(problem).toMatch(/takes params \[sandboxId.*the table passes \[id/);
  });

  it("fails when a static route appears that Next would prefer over the pattern's [param]", async () => {
    const shadow = "api/v1/specs/launch/events/route.ts";
    const problems = await hotRouteProblems(HOT_ROUTES, [...FILES, shadow], (file) => (file === shadow ? Promise.resolve({}) : loadReal(file)));
    expect(problems).toEqual([expect.stringMatching(/also catches \/api\/v1\/specs\/launch\/events, which Next answers with app\/api\/v1\/specs\/launch\/events/)]);
  });

  it("fails for an entry whose module is not the one its URLs reach", async () => {
    const specEvents = HOT_ROUTES.find((route) => route.pattern.source.includes("specs"))!;
    const sandboxEvents = HOT_ROUTES.find((route) => route.pattern.source.includes("sandboxes") && route.pattern.source.includes("events"))!;
    const problems = await hotRouteProblems([{ ...specEvents, module: sandboxEvents.module }], FILES, loadReal);
    expect(problems).toEqual([expect.stringMatching(/Next picks app\/api\/v1\/specs\/\[specId\]\/events\/route\.ts, the table serves another module/)]);
  });

  it("fails for model-call paths after their folder is renamed, or with the endpoints swapped", async () => {
    const tree = renamed("api/v1/llm/v1/messages/count_tokens/", "api/v1/llm/v1/messages/count-tokens/");
    expect(await modelCallProblems(MODEL_CALL_PATHS, tree.files, tree.load)).toEqual([
      expect.stringMatching(/count_tokens: no file under app\/ answers it/),
    ]);
    const swapped = { "/api/v1/llm/v1/messages": "messages/count_tokens", "/api/v1/llm/v1/messages/count_tokens": "messages" };
    expect(await modelCallProblems(swapped, FILES, loadReal)).toHaveLength(2);
  });
});
