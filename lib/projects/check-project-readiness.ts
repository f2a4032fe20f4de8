import { DEFAULT_AGENT_MODEL, getModelStatus } from "@/lib/core/model-catalog";
import { getEnv } from "@/lib/env";
import { orgCapSpentMessage } from "@/lib/llm/assert-org-budget-left";
import { getProjectBudget, type ProjectBudget } from "@/lib/llm/get-project-budget";
import { checkProjectRepoHealth } from "@/lib/projects/check-project-repo-health";
import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";

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
    const problem = await checkProjectRepoHealth({ project: { ...project, repoUrl: project.repoUrl }, timeoutMs: LS_REMOTE_TIMEOUT_MS });
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
      message: `The agents' model ${model} is not in OmoiOS's price table, so its calls are recorded without a cost and limited by tokens (LLM_UNPRICED_MAX_TOKENS_PER_TASK) rather than by the budgets. Intended for a local or compatible model; otherwise check AGENT_MODEL (for example ${DEFAULT_AGENT_MODEL}).`,
    };
  }
  return null;
}
