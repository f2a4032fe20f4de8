#!/usr/bin/env node
// Runs bin/omoi.ts from source with tsx and this checkout's tsconfig (for the `@/` paths), from any folder.
// Remote sandboxes get the self-contained bundle instead: `npm run build:agent` → dist/omoi-agent.mjs.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
register({ tsconfig: path.join(root, "tsconfig.json") });
await import(path.join(root, "bin", "omoi.ts"));
