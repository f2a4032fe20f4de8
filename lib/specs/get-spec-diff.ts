import { db } from "@/lib/db/client";
import type { DiffDto, DiffQuery } from "@/lib/repos/diff-schemas";
import { mirrorPath } from "@/lib/repos/mirror-path";
import { readDiff } from "@/lib/repos/read-diff";
import { specBranchName } from "@/lib/repos/ticket-branch-name";
import { getSpecForMemberOrThrow } from "@/lib/specs/get-spec-for-member-or-throw";

export interface GetSpecDiffOptions {
  userId: string;
  specId: string;
  query: DiffQuery;
}

/**
 * The spec's integrated change: its branch as the server last advanced it, against the default branch's commit it was
 * made from (`branchBaseCommit...branchHead` in the project's mirror). Before the spec has a branch, an empty diff.
 */
export async function getSpecDiff({ userId, specId, query }: GetSpecDiffOptions): Promise<DiffDto> {
  const spec = await getSpecForMemberOrThrow({ userId, specId });
  const project = await db.project.findUniqueOrThrow({ where: { id: spec.projectId }, select: { id: true, name: true, defaultBranch: true } });
  const hasBranch = Boolean(spec.branch && spec.branchBaseCommit && spec.branchHead);
  return readDiff({
    // Not ensureMirror: a read never creates a mirror; a missing one is answered like a missing commit.
    gitDir: mirrorPath(project.id),
    base: hasBranch ? spec.branchBaseCommit : null,
    head: hasBranch ? spec.branchHead : null,
    baseLabel: project.defaultBranch,
    // The name it will have once made, when the spec already has its number.
    headLabel: spec.branch ?? (spec.number ? specBranchName(project, spec.number) : "spec branch (not made yet)"),
    query,
  });
}
