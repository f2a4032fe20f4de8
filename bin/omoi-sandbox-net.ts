// The outside end of an isolated local sandbox's network (lib/sandbox/isolation/run-sandbox-net-host.ts), bundled
// alone into dist/omoi-sandbox-net.mjs so it starts in a few tens of milliseconds beside the agent.
import { runSandboxNetHost } from "@/lib/sandbox/isolation/run-sandbox-net-host";

runSandboxNetHost(JSON.parse(process.argv[2] ?? "{}")).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`omoi-sandbox-net: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
