import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { DEFAULT_AGENT_MODEL, getModelStatus } from "@/lib/core/model-catalog";
import { getEnv } from "@/lib/env";
import { orgCapSpentMessage } from "@/lib/llm/assert-org-budget-left";
import { getProjectBudget, type ProjectBudget } from "@/lib/llm/get-project-budget";
import { checkProjectRepo } from "@/lib/repos/check-project-repo";
import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";
import { gitEnv, repoSource } from "@/lib/repos/git-env";

const run = promisify(execFile);
const LS_REMOTE_TIMEOUT_MS = 10_000;

export interface ReadinessProblem {
  code: "model_not_configured" | "repo_not_allowed" | "repo_unreachable" | "branch_not_found" | "model_deprecated" | "model_unknown" | "org_budget_spent";
  message: string;
  /** Present (false) on warnings: agents can still run, but the operator should act. */
  blocking?: false;
}

export interface ProjectReadiness {
  ready: boolean;
  problems: ReadinessProblem[];
  /** The budgets a launch here runs under (shown before launch), and the organization's spend today. */
  budget: ProjectBudget;
}

/**
 * Whether agents can work on a project right now, and in plain words why not: the server has a model, and the
 * project's repository answers with its default branch (an empty repository is fine; so is no repository). A
 * deprecated or unpriced AGENT_MODEL is a warning (`blocking: false`): agents still run. Asks the
 * repository the way a sandbox would clone it (same credentials), so a yes here means a clone will work.
 */
export async function checkProjectReadiness({ userId, projectId }: { userId: string; projectId: string }): Promise<ProjectReadiness> {
  const project = await getProjectForMemberOrThrow({ userId, projectId });
  const problems: ReadinessProblem[] = [];
  if (!getEnv().ANTHROPIC_API_KEY) {
    problems.push({ code: "model_not_configured", message: "No model is configured: set ANTHROPIC_API_KEY on the OmoiOS server and restart it." });
  }
  const modelWarning = checkAgentModel(getEnv().AGENT_MODEL);
  if (modelWarning) problems.push(modelWarning);
  const budget = await getProjectBudget(project.id);
  if (budget.orgCapSpent) problems.push({ code: "org_budget_spent", message: orgCapSpentMessage(budget.orgDailyUsd!, budget.orgSpentTodayUsd) });
  if (project.repoUrl) {
    // A repository stored before the policy existed (or by someone who may no longer set it) is judged now, before
    // anything touches it: the readiness check must not be a way to probe the server's files or ports.
    const notAllowed = await checkProjectRepo(project.id);
    const problem = notAllowed ? { code: "repo_not_allowed" as const, message: notAllowed } : await probeRepository(project.repoUrl, project.defaultBranch);
    if (problem) problems.push(problem);
  }
  return { ready: problems.every((problem) => problem.blocking === false), problems, budget };
}

/** The configured model, judged against Anthropic's lifecycle and the price table (budgets need its price). */
function checkAgentModel(model: string): ReadinessProblem | null {
  const known = getModelStatus(model);
  if (known.status === "deprecated") {
    return {
      code: "model_deprecated",
      blocking: false,
      message: `The agents' model ${model} is deprecated by Anthropic (retirement: ${known.retiresOn}); calls to it will fail after that date. Set AGENT_MODEL to a current model such as ${DEFAULT_AGENT_MODEL}.`,
    };
  }
  if (known.status === "unknown") {
    return {
      code: "model_unknown",
      blocking: false,
      message: `The agents' model ${model} is not in OmoiOS's price table, so its calls are priced at the highest known rates against budgets. Check AGENT_MODEL (for example ${DEFAULT_AGENT_MODEL}).`,
    };
  }
  return null;
}

/**
 * One answer for every repository git cannot read — missing, not a repository, no permission, connection refused,
 * no answer in time, private without credentials — so the check cannot tell anyone which paths or ports exist.
 */
async function probeRepository(url: string, branch: string): Promise<ReadinessProblem | null> {
  const { source, shown } = repoSource(url);
  let stdout: string;
  try {
    ({ stdout } = await run("git", ["ls-remote", "--heads", "--", source], { env: gitEnv(getEnv().GITHUB_TOKEN, url), timeout: LS_REMOTE_TIMEOUT_MS }));
  } catch {
    return {
      code: "repo_unreachable",
      message: `The repository ${shown} cannot be read by OmoiOS (it does not exist, or this server has no access to it).`,
    };
  }
  const heads = stdout.split("\n").filter(Boolean).map((line) => line.split("\t")[1]);
  if (heads.length > 0 && !heads.includes(`refs/heads/${branch}`)) {
    return { code: "branch_not_found", message: `The repository ${shown} has no branch "${branch}"; change the project's default branch.` };
  }
  return null;
}
