"use client";

import { useCallback, useMemo } from "react";
import type { SpecDto } from "@/lib/specs/spec-schemas";
import { useSpecDiff } from "@/hooks/api/use-diffs";
import { DiffViewer } from "@/components/diff/diff-viewer";
import { mergeDiffPages } from "@/components/diff/merge-diff-pages";
import { ApiErrorAlert } from "@/components/ui/api-error";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingBlock } from "@/components/ui/spinner";
import { mergeCommand, repoKind } from "./merge-instructions";

/** What the spec branch holds so far (every integrated ticket), and how to take it: its pull request or a git line. */
export function ChangesTab({ spec, repoUrl }: { spec: SpecDto; repoUrl: string | null | undefined }) {
  const branch = spec.branch;
  // Any change of the spec row (its branch advancing included) may change the diff; only then is it fetched again.
  const diff = useSpecDiff(spec.id, { version: spec.updatedAt, enabled: branch !== null });
  const merged = useMemo(() => mergeDiffPages(diff.data?.pages ?? []), [diff.data]);
  const { fetchNextPage } = diff;
  const onLoadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  if (branch === null) {
    return <EmptyState title="No spec branch yet" description="It is made with the spec's tickets; each ticket's work is merged into it once it passes." />;
  }
  return (
    <div className="space-y-4">
      <dl className="grid gap-x-4 gap-y-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm sm:grid-cols-[8rem_minmax(0,1fr)]">
        <dt className="text-zinc-600">Spec branch</dt>
        <dd>
          <code className="break-all font-mono text-zinc-900">{branch}</code>
        </dd>
        <MergeRow branch={branch} repoUrl={repoUrl} prUrl={spec.prUrl} />
      </dl>
      {diff.isPending ? (
        <LoadingBlock label="Loading the changes…" />
      ) : diff.isError ? (
        <ApiErrorAlert error={diff.error} />
      ) : merged ? (
        <DiffViewer diff={merged} onLoadMore={onLoadMore} loadingMore={diff.isFetchingNextPage} idPrefix="spec-diff" />
      ) : null}
    </div>
  );
}

function MergeRow({ branch, repoUrl, prUrl }: { branch: string; repoUrl: string | null | undefined; prUrl: string | null }) {
  const kind = repoKind(repoUrl);
  if (kind === "github") {
    return (
      <>
        <dt className="text-zinc-600">Pull request</dt>
        <dd>
          {prUrl ? (
            <a href={prUrl} target="_blank" rel="noreferrer" className="break-all text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
              {prUrl}
            </a>
          ) : (
            <span className="text-zinc-700">Opened when the first ticket is integrated.</span>
          )}
        </dd>
      </>
    );
  }
  const command = mergeCommand(repoUrl, branch);
  if (!command) return null;
  return (
    <>
      <dt className="text-zinc-600">How to merge</dt>
      <dd className="space-y-1">
        {kind === "local" ? <p className="text-xs text-zinc-600">In the repository at {repoUrl}:</p> : null}
        <code className="block rounded bg-zinc-100 px-2 py-1 font-mono text-xs break-all text-zinc-900">{command}</code>
      </dd>
    </>
  );
}
