import type { DiffFile } from "@/lib/repos/diff-schemas";

export interface FileTreeFile {
  kind: "file";
  name: string;
  file: DiffFile;
  /** The file's position in the diff's `files` (its panel's anchor). */
  index: number;
}

export interface FileTreeFolder {
  kind: "folder";
  /** One folder, or a chain of single-child folders shown as one ("src/components"). */
  name: string;
  path: string;
  additions: number;
  deletions: number;
  children: FileTreeNode[];
}

export type FileTreeNode = FileTreeFile | FileTreeFolder;

interface Draft {
  folders: Map<string, Draft>;
  files: FileTreeFile[];
}

/**
 * The changed files as a folder tree, as GitHub's review sidebar shows them: folders before files, each sorted by
 * name, and a folder holding nothing but one folder merged with it, so deep paths don't cost a row per level.
 */
export function buildFileTree(files: readonly DiffFile[]): FileTreeNode[] {
  const root: Draft = { folders: new Map(), files: [] };
  files.forEach((file, index) => {
    const parts = file.path.split("/");
    const name = parts.pop() ?? file.path;
    let draft = root;
    for (const part of parts) {
      let next = draft.folders.get(part);
      if (!next) {
        next = { folders: new Map(), files: [] };
        draft.folders.set(part, next);
      }
      draft = next;
    }
    draft.files.push({ kind: "file", name, file, index });
  });
  return toNodes(root, "");
}

function toNodes(draft: Draft, parentPath: string): FileTreeNode[] {
  const folders = [...draft.folders.entries()]
    .sort(([a], [b]) => compareNames(a, b))
    .map(([name, child]) => toFolder(name, child, parentPath));
  const files = [...draft.files].sort((a, b) => compareNames(a.name, b.name));
  return [...folders, ...files];
}

function toFolder(name: string, draft: Draft, parentPath: string): FileTreeFolder {
  let label = name;
  let current = draft;
  // Merge a chain of folders that each hold only one folder: "src" > "app" > "x.ts" becomes "src/app" > "x.ts".
  while (current.files.length === 0 && current.folders.size === 1) {
    const [[childName, child]] = [...current.folders.entries()] as [[string, Draft]];
    label = `${label}/${childName}`;
    current = child;
  }
  const path = parentPath ? `${parentPath}/${label}` : label;
  const children = toNodes(current, path);
  const totals = sumCounts(children);
  return { kind: "folder", name: label, path, children, ...totals };
}

function sumCounts(nodes: readonly FileTreeNode[]) {
  let additions = 0;
  let deletions = 0;
  for (const node of nodes) {
    additions += node.kind === "file" ? node.file.additions : node.additions;
    deletions += node.kind === "file" ? node.file.deletions : node.deletions;
  }
  return { additions, deletions };
}

const compareNames = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true });
