import { spawn } from "node:child_process";
import { gitEnv } from "@/lib/repos/git-env";
import { parsePatchHeaderPath } from "@/lib/repos/parse-patch-header-path";
import { GitCommandError } from "@/lib/repos/run-git";

export interface ReadPagePatchesOptions {
  gitDir: string;
  /** Validated commit ids (`base...head` is passed to git as one argument). */
  base: string;
  head: string;
  /** Every path the page's patches need: a renamed file's old path too, or git would see an added file. */
  paths: string[];
  maxBytes: number;
  maxLines: number;
  timeoutMs?: number;
}

/** A file's patch keyed by its (new) path; null when it went past a cap (kept neither whole nor cut). */
export type PagePatches = Map<string, string | null>;

/** Header lines kept to name a file even when its patch is dropped (git writes at most about ten). */
const MAX_HEADER_LINES = 16;
const DIFF_HEADER = Buffer.from("diff --git ");
const HUNK = Buffer.from("@@");
const EMPTY = Buffer.alloc(0);

/**
 * The unified patches of one page's files from a single `git diff base...head -- <paths>`, split per file at its
 * `diff --git` line (a patch's own lines start with " ", "+", "-", "\" or "@@", so the split is exact). git's output
 * is streamed, not buffered: a file past a cap is dropped as it comes, so a page with a generated 50 MB file costs
 * memory for the files that are shown, not for that one.
 */
export function readPagePatches({ gitDir, base, head, paths, maxBytes, maxLines, timeoutMs = 60_000 }: ReadPagePatchesOptions): Promise<PagePatches> {
  const patches: PagePatches = new Map();
  if (paths.length === 0) return Promise.resolve(patches);
  // --literal-pathspecs: a file named `*.ts` or `:(glob)x` names itself, not a pattern; `--` ends the options.
  const args = ["-C", gitDir, "--literal-pathspecs", "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--src-prefix=a/", "--dst-prefix=b/", `${base}...${head}`, "--", ...paths];
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { env: gitEnv(), stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let file: FileSoFar | null = null;
    let carry = EMPTY;
    /** Inside one line longer than the byte cap: its file is over, and the rest of the line is only counted. */
    let isSkippingLine = false;
    let stderr = "";
    const finish = () => {
      const path = file && parsePatchHeaderPath(file.header);
      if (file && path !== null) patches.set(path, file.isOver ? null : Buffer.concat(file.parts).toString("utf8"));
      file = null;
    };
    const take = (line: Buffer) => {
      if (startsWith(line, DIFF_HEADER)) {
        finish();
        file = { header: [], isInHeader: true, parts: [], bytes: 0, lines: 0, isOver: false };
      }
      if (!file) return;
      if (file.isInHeader && (startsWith(line, HUNK) || file.header.length >= MAX_HEADER_LINES)) file.isInHeader = false;
      if (file.isInHeader) file.header.push(line.toString("utf8").replace(/\n$/, ""));
      file.bytes += line.length;
      file.lines += 1;
      if (!file.isOver && (file.bytes > maxBytes || file.lines > maxLines)) drop(file);
      if (!file.isOver) file.parts.push(line);
    };
    child.stdout.on("data", (chunk: Buffer) => {
      let start = 0;
      for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
        const piece = chunk.subarray(start, newline + 1);
        start = newline + 1;
        if (isSkippingLine) {
          isSkippingLine = false;
          if (file) file.lines += 1;
        } else take(carry.length ? Buffer.concat([carry, piece]) : piece);
        carry = EMPTY;
      }
      if (isSkippingLine || start === chunk.length) return;
      carry = Buffer.concat([carry, chunk.subarray(start)]);
      // No line of a patch header is this long (paths are at most 4096 bytes), so this is content past the cap.
      if (carry.length > maxBytes && file) {
        drop(file);
        carry = EMPTY;
        isSkippingLine = true;
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code !== 0) {
        const detail = stderr.trim().split("\n").filter(Boolean).slice(-3).join(" ") || `exit ${code ?? signal}`;
        reject(new GitCommandError(`git diff failed: ${detail}`, stderr));
        return;
      }
      if (carry.length) take(carry);
      finish();
      resolve(patches);
    });
  });
}

interface FileSoFar {
  header: string[];
  isInHeader: boolean;
  parts: Buffer[];
  bytes: number;
  lines: number;
  isOver: boolean;
}

function drop(file: FileSoFar) {
  file.isOver = true;
  file.parts = [];
}

const startsWith = (line: Buffer, prefix: Buffer) => line.length >= prefix.length && line.subarray(0, prefix.length).equals(prefix);
