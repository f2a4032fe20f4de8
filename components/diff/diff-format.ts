import type { DiffFile } from "@/lib/repos/diff-schemas";

/** How people refer to a commit: its first seven hex digits, as git and GitHub print them. */
export const shortSha = (sha: string) => sha.slice(0, 7);

const STATUS_LABELS: Record<DiffFile["status"], string> = {
  added: "added",
  modified: "modified",
  deleted: "deleted",
  renamed: "renamed",
  copied: "copied",
  type_changed: "type changed",
};

export const fileStatusLabel = (status: DiffFile["status"]) => STATUS_LABELS[status];

/** "+12 −3": the minus sign, not a hyphen, so it reads and aligns like GitHub's. */
export const changeCounts = (additions: number, deletions: number) => `+${additions} −${deletions}`;

/** The same counts for screen readers, which read "+12 −3" as punctuation. */
export const changeCountsLabel = (additions: number, deletions: number) =>
  `${additions} ${additions === 1 ? "addition" : "additions"}, ${deletions} ${deletions === 1 ? "deletion" : "deletions"}`;

/** Why a file has no patch, in the words the file's panel shows; null when it has one (or is only not loaded yet). */
export function omittedSummary(file: Pick<DiffFile, "omitted" | "additions" | "deletions">): string | null {
  switch (file.omitted) {
    case "binary":
      return "Binary file";
    case "too_large":
      return `Too large to show: ${changeCounts(file.additions, file.deletions)}`;
    case "not_on_page":
    case null:
      return null;
  }
}

/** Whether the file's patch (or its reason for having none) has arrived: files past the loaded pages have neither. */
export const isFileLoaded = (file: Pick<DiffFile, "omitted">) => file.omitted !== "not_on_page";

/** Lock files and other generated bulk start collapsed: they are long and rarely what a reviewer came for. */
const GENERATED = /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|poetry\.lock|go\.sum|composer\.lock|Gemfile\.lock)$/;
export const startsCollapsed = (path: string) => GENERATED.test(path);

/** The anchor of a file's panel, which the file tree links to. */
export const fileAnchorId = (idPrefix: string, index: number) => `${idPrefix}-file-${index}`;
