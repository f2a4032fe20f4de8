// `npm run build:agent`: bin/omoi.ts and everything it imports in one ESM file, dist/omoi-agent.mjs, that runs
// with plain `node` (20+) and no node_modules. This is what remote sandboxes receive.
import path from "node:path";
import { build } from "esbuild";
import { netHostPathFor } from "@/lib/sandbox/isolation/run-sandbox-net-host";

export async function buildAgentBundle(outfile = path.resolve("dist/omoi-agent.mjs")) {
  const options = {
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // Smaller to parse at every sandbox start; identifiers kept so an agent's stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: false,
    legalComments: "none",
    metafile: true,
    // Bundled CommonJS dependencies still call require(); give them one.
    banner: { js: 'import { createRequire as __omoiCreateRequire } from "node:module"; const require = __omoiCreateRequire(import.meta.url);' },
    logLevel: "warning",
  } as const;
  const [result] = await Promise.all([
    build({ ...options, entryPoints: [path.resolve("bin/omoi.ts")], outfile }),
    build({ ...options, entryPoints: [path.resolve("bin/omoi-sandbox-net.ts")], outfile: netHostPathFor(outfile) }),
  ]);
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return { outfile, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { outfile, bytes } = await buildAgentBundle();
  console.log(`[omoios] built ${path.relative(process.cwd(), outfile)} (${(bytes / 1024).toFixed(0)} KiB)`);
}
