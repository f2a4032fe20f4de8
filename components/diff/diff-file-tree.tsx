import type { DiffFile } from "@/lib/repos/diff-schemas";
import { ChangeCounts } from "./change-counts";
import { fileAnchorId, fileStatusLabel, isFileLoaded } from "./diff-format";
import type { FileTreeNode } from "./file-tree";

const STATUS_LETTERS: Record<DiffFile["status"], string> = { added: "A", modified: "M", deleted: "D", renamed: "R", copied: "C", type_changed: "T" };

/** The changed files by folder, each linking to its panel; files on pages not loaded yet are listed without a link. */
export function DiffFileTree({ nodes, idPrefix }: { nodes: readonly FileTreeNode[]; idPrefix: string }) {
  return (
    <nav aria-label="Changed files" className="rounded-lg border border-zinc-200 bg-white p-2 text-sm">
      <TreeLevel nodes={nodes} idPrefix={idPrefix} depth={0} />
    </nav>
  );
}

function TreeLevel({ nodes, idPrefix, depth }: { nodes: readonly FileTreeNode[]; idPrefix: string; depth: number }) {
  return (
    <ul className={depth > 0 ? "ml-3 border-l border-zinc-200 pl-2" : undefined}>
      {nodes.map((node) =>
        node.kind === "folder" ? (
          <li key={`folder:${node.path}`} className="py-0.5">
            <span className="flex items-center gap-2">
              <span className="min-w-0 flex-1 truncate font-mono text-xs font-medium text-zinc-800" title={node.path}>
                {node.name}/
              </span>
            </span>
            <TreeLevel nodes={node.children} idPrefix={idPrefix} depth={depth + 1} />
          </li>
        ) : (
          <li key={`file:${node.file.path}`} className="py-0.5">
            <FileRow node={node} idPrefix={idPrefix} />
          </li>
        ),
      )}
    </ul>
  );
}

function FileRow({ node, idPrefix }: { node: Extract<FileTreeNode, { kind: "file" }>; idPrefix: string }) {
  const { file } = node;
  const letter = (
    <span
      aria-hidden
      title={fileStatusLabel(file.status)}
      className="inline-flex size-4 shrink-0 items-center justify-center rounded bg-zinc-100 font-mono text-[10px] font-semibold text-zinc-700"
    >
      {STATUS_LETTERS[file.status]}
    </span>
  );
  const name = (
    <>
      {letter}
      <span className="min-w-0 flex-1 truncate font-mono text-xs" title={file.path}>
        {node.name}
      </span>
      <span className="sr-only">
        , {fileStatusLabel(file.status)}
        {isFileLoaded(file) ? "" : ", not loaded yet"}
      </span>
      <ChangeCounts additions={file.additions} deletions={file.deletions} />
    </>
  );
  if (!isFileLoaded(file)) return <span className="flex items-center gap-2 rounded px-1 text-zinc-600">{name}</span>;
  return (
    <a
      href={`#${fileAnchorId(idPrefix, node.index)}`}
      className="flex items-center gap-2 rounded px-1 text-zinc-900 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      {name}
    </a>
  );
}
