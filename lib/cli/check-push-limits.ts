import { OMOI_PUSH_LIMITS } from "@/lib/omoi-files/omoi-push-limits";
import type { Diagnostic } from "@/lib/omoi-files/parse-frontmatter";
import type { ParsedOmoiFile } from "@/lib/omoi-files/parse-omoi-file";
import type { OmoiLocalItems } from "@/lib/omoi-files/plan-omoi-push";

const COUNTED = { requirement: "requirements", task: "tasks", ticket: "tickets" } as const;

/**
 * The server's limits on one push (OMOI_PUSH_LIMITS, which its schema enforces), checked on the files: how many
 * items of each kind, how long a file's path, how large the request. So `omoi validate` passing means the push
 * will not be refused for its size.
 */
export function checkPushLimits(files: readonly ParsedOmoiFile[], items: OmoiLocalItems, folderFile: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [kind, collection] of Object.entries(COUNTED) as [keyof typeof COUNTED, (typeof COUNTED)[keyof typeof COUNTED]][]) {
    const ofKind = files.filter((f) => f.kind === kind);
    const limit = OMOI_PUSH_LIMITS[collection];
    if (ofKind.length > limit) {
      const message = `${ofKind.length} ${kind} files: a push takes at most ${limit}; this one and the ${ofKind.length - limit - 1} after it are too many (split the folder)`;
      out.push({ file: ofKind[limit]!.display, line: 1, message, severity: "error" });
    }
  }
  for (const file of files) {
    if (file.relPath.length > OMOI_PUSH_LIMITS.fileName) {
      out.push({ file: file.display, line: 1, message: `the path is ${file.relPath.length} characters; a push takes at most ${OMOI_PUSH_LIMITS.fileName} (rename it)`, severity: "error" });
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify({ dryRun: false, ...items }));
  if (bytes > OMOI_PUSH_LIMITS.bodyBytes) {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    out.push({ file: folderFile, line: 1, message: `the folder is ${mib(bytes)} as one push; the server takes at most ${mib(OMOI_PUSH_LIMITS.bodyBytes)} (split it into folders)`, severity: "error" });
  }
  return out;
}
