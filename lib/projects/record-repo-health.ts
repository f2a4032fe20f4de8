import { db } from "@/lib/db/client";

export interface RecordRepoHealthOptions {
  projectId: string;
  /** The repository that was asked: a project whose repository changed meanwhile keeps its newer answer. */
  repoUrl: string;
  /** Why the server could not use it; null when it answered with the default branch. */
  problem: string | null;
}

/**
 * Stores what asking the repository gave, for the projects list's health badge. Raw SQL on purpose: a check is not
 * an edit of the project, so its updatedAt stays.
 */
export async function recordRepoHealth({ projectId, repoUrl, problem }: RecordRepoHealthOptions): Promise<void> {
  await db.$executeRaw`
    UPDATE "Project" SET "repoCheckedAt" = now(), "repoProblem" = ${problem}
    WHERE id = ${projectId} AND "repoUrl" = ${repoUrl}`;
}
