import { AppError } from "@/lib/http/errors";
import { MAX_FILE_PATCH_BYTES, MAX_FILE_PATCH_LINES, type DiffDto, type DiffFile, type DiffQuery } from "@/lib/repos/diff-schemas";
import { parseDiffSummary } from "@/lib/repos/parse-diff-summary";
import { readPagePatches } from "@/lib/repos/read-page-patches";
import { GitCommandError, runGit } from "@/lib/repos/run-git";

export interface ReadDiffOptions {
  /** The project's mirror. */
  gitDir: string;
  /** Full commit ids, or both null when there is nothing to compare yet (an empty diff). */
  base: string | null;
  head: string | null;
  baseLabel: string;
  headLabel: string;
  query: DiffQuery;
}

/** git applies the count before --reverse: past it, the newest commits are listed (oldest of them first). */
const MAX_COMMITS = 250;
/** A page is read while someone waits: past this, git is stopped and the request fails. */
const GIT_TIMEOUT_MS = 60_000;
const SHA = /^[0-9a-f]{40}$/;
/** Commit fields, unit-separated; the subject last, so a stray separator in it stays in it. */
const LOG_FORMAT = "%H%x1f%an%x1f%aI%x1f%s";

/**
 * `git diff base...head` of a project's mirror as the diff viewer reads it: every file with its numbers (one git
 * process for the whole tree), the commits of head not in base, and the patches of one page of files (one more git
 * process for the page, streamed and capped per file). Reads objects by id only, so it needs no mirror lock: a
 * delivery moving refs at the same time changes nothing read here.
 */
export async function readDiff({ gitDir, base, head, baseLabel, headLabel, query }: ReadDiffOptions): Promise<DiffDto> {
  const { offset, limit } = query;
  if (base === null || head === null) {
    return { base: null, head: null, baseLabel, headLabel, totals: { files: 0, additions: 0, deletions: 0 }, files: [], commits: [], page: { offset, limit, nextOffset: null } };
  }
  // Stored by the server, but checked anyway: these are the only values passed to git outside `--`.
  if (!SHA.test(base) || !SHA.test(head)) throw new Error(`readDiff needs full commit ids, got ${JSON.stringify([base, head])}`);
  const range = `${base}...${head}`;

  const [summary, log] = await Promise.all([
    runGit(["-c", "core.quotePath=false", "diff", "--raw", "--numstat", "-z", "-M", "--no-color", "--no-ext-diff", "--no-textconv", range], { gitDir, timeoutMs: GIT_TIMEOUT_MS }),
    runGit(["log", "-z", `--format=${LOG_FORMAT}`, `--max-count=${MAX_COMMITS}`, "--reverse", `${base}..${head}`], { gitDir, timeoutMs: GIT_TIMEOUT_MS }),
  ]).catch((error: unknown) => explainFailure(error, gitDir, base, head));

  const summaryFiles = parseDiffSummary(summary).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const page = pageOf(summaryFiles, query);
  const onPage = new Set(page.files);
  // Known from the numbers alone: no need to have git write a patch that will not be sent.
  const isTooLong = (file: (typeof summaryFiles)[number]) => file.additions + file.deletions > MAX_FILE_PATCH_LINES;
  const wanted = page.files.filter((file) => !file.binary && !isTooLong(file));
  const patches = await readPagePatches({
    gitDir,
    base,
    head,
    paths: [...new Set(wanted.flatMap((file) => (file.oldPath === null ? [file.path] : [file.oldPath, file.path])))],
    maxBytes: MAX_FILE_PATCH_BYTES,
    maxLines: MAX_FILE_PATCH_LINES,
    timeoutMs: GIT_TIMEOUT_MS,
  }).catch((error: unknown) => explainFailure(error, gitDir, base, head));

  const files: DiffFile[] = summaryFiles.map((file) => {
    if (!onPage.has(file)) return { ...file, patch: null, omitted: "not_on_page" };
    if (file.binary) return { ...file, patch: null, omitted: "binary" };
    const patch = isTooLong(file) ? null : patches.get(file.path);
    if (patch === null) return { ...file, patch: null, omitted: "too_large" };
    // undefined: git wrote no patch under this path (a path that is not UTF-8 cannot be asked for by name).
    return { ...file, patch: patch ?? null, omitted: null };
  });

  return {
    base,
    head,
    baseLabel,
    headLabel,
    totals: { files: files.length, additions: sum(files, "additions"), deletions: sum(files, "deletions") },
    files,
    commits: log
      .split("\0")
      .filter(Boolean)
      .map((record) => {
        const [sha = "", author = "", date = "", ...subject] = record.split("\x1f");
        return { sha, author, date, subject: subject.join("\x1f") };
      }),
    page: page.page,
  };
}

/** The page's files: `query.path` alone (its page is the file itself), else `limit` files from `offset`. */
function pageOf<T extends { path: string; oldPath: string | null }>(files: T[], query: DiffQuery) {
  if (query.path !== undefined) {
    const index = files.findIndex((file) => file.path === query.path);
    const at = index >= 0 ? index : files.findIndex((file) => file.oldPath === query.path);
    if (at < 0) throw new AppError("not_found", "This diff does not change that path");
    return { files: [files[at]!], page: { offset: at, limit: 1, nextOffset: at + 1 < files.length ? at + 1 : null } };
  }
  const end = query.offset + query.limit;
  return { files: files.slice(query.offset, end), page: { offset: query.offset, limit: query.limit, nextOffset: end < files.length ? end : null } };
}

const sum = (files: DiffFile[], key: "additions" | "deletions") => files.reduce((total, file) => total + file[key], 0);

/**
 * A comparison git could not make: a commit the mirror no longer holds (its data folder was reset or moved) is a
 * state of the project, answered as a conflict people can act on, not a crash; anything else is rethrown.
 */
async function explainFailure(error: unknown, gitDir: string, base: string, head: string): Promise<never> {
  if (!(error instanceof GitCommandError)) throw error;
  for (const sha of [base, head]) {
    const isHeld = await runGit(["cat-file", "-e", `${sha}^{commit}`], { gitDir }).then(
      () => true,
      () => false,
    );
    if (!isHeld) {
      throw new AppError("conflict", `The project's mirror no longer holds commit ${sha.slice(0, 12)}: its data folder may have been reset. Deliver the work again to see its diff.`);
    }
  }
  if (/no merge base/i.test(error.stderr)) throw new AppError("conflict", "These commits share no history, so there is no diff between them.");
  throw error;
}
