// The API routes on every agent's and every open page's hot path, served by `npm start`'s HTTP server with the same
// route handlers Next would run, minus Next's request pipeline (measured by bench/events: about 2.6 ms of CPU per
// request, most of a tail poll's cost). Any other path goes to Next. Each entry restates a folder of app/: its
// pattern, keys and module must be what Next's router would pick for those URLs, which scripts/hot-routes.test.ts
// checks against the folder tree (a renamed folder or [param], or a static sibling Next would prefer, fails it).
import * as boardViewRoute from "@/app/api/v1/board/view/route";
import * as sandboxContextRoute from "@/app/api/v1/sandboxes/[id]/context/route";
import * as sandboxEventsRoute from "@/app/api/v1/sandboxes/[id]/events/route";
import * as phaseRoute from "@/app/api/v1/sandboxes/[id]/phases/[phase]/route";
import * as specEventsRoute from "@/app/api/v1/specs/[specId]/events/route";
import type { NativeRoute } from "@/lib/http/node-adapter";

export const HOT_ROUTES: NativeRoute[] = [
  { pattern: /^\/api\/v1\/sandboxes\/([^/]+)\/events$/, keys: ["id"], module: sandboxEventsRoute },
  { pattern: /^\/api\/v1\/sandboxes\/([^/]+)\/context$/, keys: ["id"], module: sandboxContextRoute },
  { pattern: /^\/api\/v1\/sandboxes\/([^/]+)\/phases\/([^/]+)$/, keys: ["id", "phase"], module: phaseRoute },
  { pattern: /^\/api\/v1\/specs\/([^/]+)\/events$/, keys: ["specId"], module: specEventsRoute },
  { pattern: /^\/api\/v1\/board\/view$/, keys: [], module: boardViewRoute },
];
