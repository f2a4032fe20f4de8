// `npm run deps` (and a gate of `npm test`): dependency-cruiser on lib/, the folder-level rules ESLint cannot see.
//
// 1. lib-folder-order: lib/'s first-level folders form one one-way stack. Each folder (and the files directly in
//    lib/, such as env.ts and log.ts, taken together as "(root)") imports only itself and folders below it, so no two
//    folders can ever be in a cycle. Type-only imports count: a folder that needs a type from above is in the wrong
//    place too. The intended order, bottom → top:
//
//      generated    Prisma's generated client (no lib imports)
//      core         pure, I/O-free vocabularies the server, the agent and the UI share: the model catalogue and
//                   prices, token-usage arithmetic, spec phases and statuses
//      (root)       env.ts, log.ts, scrub-secrets.ts
//      security     secret files, public-address checks, concurrency limits: no database, no HTTP
//      db           Prisma and pg clients, embedded PostgreSQL, migrations
//      http         low-level HTTP: AppError and the error body, fetch-with-retry, parse, respond, headers
//      rate-limit   PostgreSQL-backed rate limiting
//      jobs         graphile-worker queue: job names, enqueueing (dispatch included)
//      search       workspace search
//      users        user rows, user schemas, passwords
//      orgs         organisations and memberships
//      auth         sessions, sign-in throttling, signed intents, sandbox tokens
//      invitations  invitations and sign-up through them (GitHub included)
//      api-keys     API keys
//      events       the event log: appending, listing, ingesting, the agent's reporter
//      llm          the model-call proxy, budgets, model policy
//      repos        git mirrors, branches, repository URLs
//      projects     projects and their readiness; ticket numbers and column ends (what a spec's SYNC needs of the board)
//      specs        specs: the state machine, phases and gates, checkpoints, SYNC and the bridge to tickets,
//                   recovery, execution progress; the sandbox context contract
//      tickets      tickets, tasks, the board (a ticket's spec moves through lib/specs/spec-state)
//      omoi-files   the .omoi_os/ file format, import and export
//      sandbox      running agents: providers, isolation, starting, dispatching, finishing, cancelling, recovering
//      runtime      process start-up: secrets on disk, database preparation, the launcher
//      worker       the job runner
//      cli          the `omoi` command line
//      agent        the in-sandbox agent
//      routes       Next/next-auth glue: withAuth, withSandboxAuth, auth options, the model-call route
//
//    There is no baseline: every import must follow the order. A new lib/ folder must be given its place in LIB_ORDER
//    first. To fix a violation, move the importing file up when it orchestrates (drives sandboxes, wires routes), or
//    the imported file down when it is a pure contract or vocabulary (schemas, DTOs, constants, tokens).
//
// 2. Layering (not in the baseline, must hold): lib/ never imports app/, hooks/, components/, next or
//    next-auth/react (dynamic import() included, which ESLint does not see); the agent bundle (everything esbuild puts
//    into dist/omoi-agent.mjs, see scripts/build-agent.ts) imports no value from lib/db or lib/generated. ESLint
//    checks the same per file; this checks the bundle's whole closure.
const { buildSync } = require("esbuild");

const LIB_ORDER = [
  "generated", "core", "(root)", "security", "db", "http", "rate-limit", "jobs", "search",
  "users", "orgs", "auth", "invitations", "api-keys", "events", "llm", "repos", "projects",
  "specs", "tickets", "integration", "omoi-files", "sandbox", "runtime", "worker", "cli", "agent", "routes",
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A regex matching the modules of the given lib folders ("(root)" = the files directly in lib/). */
function modulesOf(folders) {
  const named = folders.filter((f) => f !== "(root)");
  const alternatives = [];
  if (named.length > 0) alternatives.push(`^lib/(${named.map(escape).join("|")})/`);
  if (folders.includes("(root)")) alternatives.push("^lib/[^/]+$");
  return alternatives.join("|");
}

const folderOrderRules = LIB_ORDER.slice(0, -1).map((folder, index) => ({
  name: "lib-folder-order",
  severity: "error",
  comment: `lib/${folder} imports only folders below it in LIB_ORDER (.dependency-cruiser.cjs): move the file or the code it needs.`,
  from: { path: modulesOf([folder]) },
  to: { path: modulesOf(LIB_ORDER.slice(index + 1)) },
}));

const ranked = LIB_ORDER.filter((f) => f !== "(root)").map(escape).join("|");
const unrankedFolderRules = [
  {
    name: "lib-folder-not-in-order",
    severity: "error",
    comment: "Every first-level lib/ folder needs its place in LIB_ORDER (.dependency-cruiser.cjs).",
    from: { path: `^lib/(?!(?:${ranked})/)([^/]+)/` },
    to: { path: "^lib/", pathNot: "^lib/$1/" },
  },
  {
    name: "lib-folder-not-in-order",
    severity: "error",
    comment: "Every first-level lib/ folder needs its place in LIB_ORDER (.dependency-cruiser.cjs).",
    from: { path: "^lib/([^/]+)" },
    to: { path: `^lib/(?!(?:${ranked})/)[^/]+/`, pathNot: "^lib/$1/" },
  },
];

/** The project files esbuild bundles into the agent (value imports only: type imports are erased). */
function agentBundleFiles() {
  const { metafile } = buildSync({
    entryPoints: ["bin/omoi.ts", "bin/omoi-sandbox-net.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    write: false,
    metafile: true,
    outdir: "node_modules/.cache/dependency-cruiser-agent-closure",
    logLevel: "silent",
  });
  return Object.keys(metafile.inputs).filter((file) => /^(lib|bin)\//.test(file));
}

module.exports = {
  forbidden: [
    ...folderOrderRules,
    ...unrankedFolderRules,
    {
      name: "lib-not-ui",
      severity: "error",
      comment: "lib/ is below app/, hooks/ and components/.",
      from: { path: "^lib/" },
      to: { path: "^(app|hooks|components)/" },
    },
    {
      name: "lib-not-next",
      severity: "error",
      comment: "lib/ is framework-free: next, next/* and next-auth/react belong in app/ and client components.",
      from: { path: "^lib/" },
      to: { path: "^node_modules/(next/|next-auth/react/)" },
    },
    {
      name: "agent-bundle-no-db",
      severity: "error",
      comment: "The agent bundle runs in a sandbox without a database: no value import of lib/db or lib/generated.",
      from: { path: `^(${agentBundleFiles().map(escape).join("|")})$` },
      to: { path: "^lib/(db|generated)/", dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    // Tests may reach into any folder; the order is about the code that ships.
    exclude: { path: ["\\.test\\.tsx?$", "\\.test-support\\.ts$"] },
    doNotFollow: { path: ["^node_modules/", "^lib/generated/"] },
    // Type-only imports are dependencies too (see lib-folder-order); rules that care say `dependencyTypesNot`.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
