import { recordRepoHealth } from "@/lib/projects/record-repo-health";
import { checkProjectRepo } from "@/lib/repos/check-project-repo";
import { probeRepo } from "@/lib/repos/probe-repo";

export interface RepoProblem {
  code: "repo_not_allowed" | "repo_unreachable" | "branch_not_found";
  message: string;
}

export interface CheckProjectRepoHealthOptions {
  project: { id: string; repoUrl: string; defaultBranch: string };
  timeoutMs: number;
}

/**
 * Whether agents can use a stored project's repository now, in plain words when not, recorded as its health. A
 * repository stored before the policy existed (or by someone who may no longer set it) is judged first, before
 * anything touches it: the check must not be a way to probe the server's files or ports.
 */
export async function checkProjectRepoHealth({ project, timeoutMs }: CheckProjectRepoHealthOptions): Promise<RepoProblem | null> {
  const notAllowed = await checkProjectRepo(project.id);
  const problem: RepoProblem | null = notAllowed ? { code: "repo_not_allowed", message: notAllowed } : await ask(project, timeoutMs);
  await recordRepoHealth({ projectId: project.id, repoUrl: project.repoUrl, problem: problem?.message ?? null });
  return problem;
}

async function ask(project: CheckProjectRepoHealthOptions["project"], timeoutMs: number): Promise<RepoProblem | null> {
  const probe = await probeRepo({ url: project.repoUrl, branch: project.defaultBranch, timeoutMs });
  if (probe.status === "ok") return null;
  return { code: probe.status === "branch_not_found" ? "branch_not_found" : "repo_unreachable", message: probe.message };
}
