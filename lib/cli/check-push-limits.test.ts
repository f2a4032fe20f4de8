import { describe, expect, it } from "vitest";
import { checkPushLimits } from "@/lib/cli/check-push-limits";
import { OMOI_PUSH_LIMITS } from "@/lib/omoi-files/omoi-push-limits";
import type { ParsedOmoiFile } from "@/lib/omoi-files/parse-omoi-file";
import type { OmoiLocalItems } from "@/lib/omoi-files/plan-omoi-push";

const parsed = (kind: ParsedOmoiFile["kind"], relPath: string) => ({ kind, relPath, display: `.omoi_os/${relPath}`, diagnostics: [], lineOf: () => 1 }) as ParsedOmoiFile;
const none: OmoiLocalItems = { spec: null, requirements: [], design: null, tasks: [], tickets: [] };
const messages = (diagnostics: ReturnType<typeof checkPushLimits>) => diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`);

describe("checkPushLimits (the server's push limits, from the same definition)", () => {
  it("reports more items of a kind than one push takes, at the first file too many", () => {
    const tickets = Array.from({ length: OMOI_PUSH_LIMITS.tickets + 2 }, (_, i) => parsed("ticket", `tickets/TKT-${i}.md`));
    const tasks = Array.from({ length: OMOI_PUSH_LIMITS.tasks }, (_, i) => parsed("task", `tasks/TSK-${i}.md`));
    expect(messages(checkPushLimits([...tasks, ...tickets], none, ".omoi_os/config.yaml"))).toEqual([
      `.omoi_os/tickets/TKT-${OMOI_PUSH_LIMITS.tickets}.md:1: ${OMOI_PUSH_LIMITS.tickets + 2} ticket files: a push takes at most ${OMOI_PUSH_LIMITS.tickets}; this one and the 1 after it are too many (split the folder)`,
    ]);
  });

  it("reports a path longer than the server keeps, and a folder larger than one request", () => {
    const long = `tickets/${"a".repeat(OMOI_PUSH_LIMITS.fileName)}.md`;
    expect(messages(checkPushLimits([parsed("ticket", long)], none, "c.yaml"))).toEqual([`.omoi_os/${long}:1: the path is ${long.length} characters; a push takes at most 500 (rename it)`]);
    const description = "x".repeat(20_000);
    const tickets = Array.from({ length: 430 }, (_, i) => ({ id: `TKT-${i}`, title: "t", description, priority: "LOW" as const, dependsOn: [] }));
    expect(messages(checkPushLimits([], { ...none, tickets }, ".omoi_os/config.yaml"))).toEqual([
      ".omoi_os/config.yaml:1: the folder is 8.2 MiB as one push; the server takes at most 8.0 MiB (split it into folders)",
    ]);
  });
});
