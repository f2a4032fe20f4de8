import type { DiffDto, DiffFile } from "@/lib/repos/diff-schemas";

/**
 * The pages of one diff as one: every page lists every file (with its numbers), but only its own files carry a patch
 * or the reason for having none, so each file is taken from the page that loaded it. The comparison itself (base,
 * head, commits, totals) is the first page's: a later page of a diff that moved on in between is not mixed in.
 */
export function mergeDiffPages<T extends DiffDto>(pages: readonly T[]): T | undefined {
  const [first] = pages;
  if (!first) return undefined;
  const loaded = new Map<string, DiffFile>();
  for (const page of pages) {
    if (page.head !== first.head || page.base !== first.base) continue;
    for (const file of page.files) if (file.omitted !== "not_on_page" && !loaded.has(file.path)) loaded.set(file.path, file);
  }
  const last = pages.at(-1) ?? first;
  return { ...first, files: first.files.map((file) => loaded.get(file.path) ?? file), page: last.page };
}
