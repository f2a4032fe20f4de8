import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { getEnv } from "@/lib/env";
import { getProjectOrThrow } from "@/lib/projects/get-project-or-throw";
import { gitEnv, repoSource } from "@/lib/repos/git-env";

const run = promisify(execFile);
const LS_REMOTE_TIMEOUT_MS = 10_000;

export interface ReadinessProblem {
  code: "model_not_configured" | "repo_unreachable" | "branch_not_found";
  message: string;
}

export interface ProjectReadiness {
  ready: boolean;
  problems: ReadinessProblem[];
}

/**
 * Whether agents can work on a project right now, and in plain words why not: the server has a model, and the
 * project's repository answers with its default branch (an empty repository is fine; so is no repository). Asks the
 * repository the way a sandbox would clone it (same credentials), so a yes here means a clone will work.
 */
export async function checkProjectReadiness({ userId, projectId }: { userId: string; projectId: string }): Promise<ProjectReadiness> {
  const project = await getProjectOrThrow({ userId, projectId });
  const problems: ReadinessProblem[] = [];
  if (!getEnv().ANTHROPIC_API_KEY) {
    problems.push({ code: "model_not_configured", message: "No model is configured: set ANTHROPIC_API_KEY on the OmoiOS server and restart it." });
  }
  if (project.repoUrl) {
    const problem = await probeRepository(project.repoUrl, project.defaultBranch);
    if (problem) problems.push(problem);
  }
  return { ready: problems.length === 0, problems };
}

async function probeRepository(url: string, branch: string): Promise<ReadinessProblem | null> {
  const { isRemote, source, shown } = repoSource(url);
  if (!isRemote && !fs.existsSync(source)) return { code: "repo_unreachable", message: `The repository ${shown} does not exist on this server.` };
  try {
    const { stdout } = await run("git", ["ls-remote", "--heads", "--", source], { env: gitEnv(getEnv().GITHUB_TOKEN, url), timeout: LS_REMOTE_TIMEOUT_MS });
    const heads = stdout.split("\n").filter(Boolean).map((line) => line.split("\t")[1]);
    if (heads.length > 0 && !heads.includes(`refs/heads/${branch}`)) {
      return { code: "branch_not_found", message: `The repository ${shown} has no branch "${branch}"; change the project's default branch.` };
    }
    return null;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim().split("\n").at(-1) ?? "";
    const why = (error as { killed?: boolean }).killed ? "it did not answer within 10 s" : stderr.replace(/^fatal:\s*/, "") || "git could not read it";
    return { code: "repo_unreachable", message: `The repository ${shown} cannot be reached: ${why}.` };
  }
}
