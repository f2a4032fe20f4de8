import type { DiffDto } from "@/lib/repos/diff-schemas";
import { shortSha } from "./diff-format";

/** The commits the comparison covers, oldest first, folded away by default (the files are what people read first). */
export function DiffCommits({ commits }: { commits: DiffDto["commits"] }) {
  if (commits.length === 0) return null;
  return (
    <details className="rounded-lg border border-zinc-200 bg-white text-sm">
      <summary className="cursor-pointer px-3 py-2 font-medium text-zinc-900 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600">
        {commits.length} {commits.length === 1 ? "commit" : "commits"}
      </summary>
      <ol aria-label="Commits" className="divide-y divide-zinc-100 border-t border-zinc-200">
        {commits.map((commit) => (
          <li key={commit.sha} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 px-3 py-1.5">
            <code className="font-mono text-xs text-zinc-700" title={commit.sha}>
              {shortSha(commit.sha)}
            </code>
            <span className="min-w-0 flex-1 break-words text-zinc-900">{commit.subject}</span>
            <span className="text-xs text-zinc-600">
              {commit.author} · <time dateTime={commit.date}>{new Date(commit.date).toLocaleDateString()}</time>
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
