import type { Octokit } from "@octokit/rest";
import { db } from "@/lib/db/client";
import { getGithubClient, type GithubClient } from "@/lib/repos/get-github-client";
import { buildSpecPullRequestBody } from "@/lib/specs/build-spec-pull-request-body";

export interface SpecPullRequestSync {
  url: string;
  number: number;
  /** opened: created (or found open for the branch) now; updated: title and body rewritten; ready: out of draft. */
  action: "opened" | "updated" | "ready";
}

type Pull = Awaited<ReturnType<Octokit["rest"]["pulls"]["get"]>>["data"];

const MARK_READY = `mutation MarkReady($pullRequestId: ID!) {
  markPullRequestReadyForReview(input: { pullRequestId: $pullRequestId }) { pullRequest { isDraft } }
}`;

/**
 * The spec's one pull request, spec branch → default branch, brought up to date: opened as a draft the first time
 * (its number and URL kept on the spec), its title and description rewritten after that, and marked ready for review
 * once the spec's execution is complete. Null when GitHub is not configured for the project's repository (see
 * getGithubClient) or the spec has no branch yet. Safe to call again at any time: it converges on the spec as stored.
 */
export async function syncSpecPullRequest(specId: string): Promise<SpecPullRequestSync | null> {
  const target = await db.spec.findUniqueOrThrow({ where: { id: specId }, select: { branch: true, project: { select: { repoUrl: true } } } });
  const github = getGithubClient(target.project.repoUrl);
  if (!github || !target.branch) return null;
  const spec = await db.spec.findUniqueOrThrow({
    where: { id: specId },
    include: {
      project: { select: { defaultBranch: true } },
      requirements: { orderBy: { position: "asc" }, include: { criteria: { orderBy: { position: "asc" } } } },
      tickets: {
        orderBy: { number: "asc" },
        select: { key: true, title: true, status: true, tasks: { orderBy: { createdAt: "desc" }, take: 1, select: { integratedSha: true } } },
      },
    },
  });
  const branch = spec.branch ?? target.branch;

  const title = spec.number === null ? `Spec: ${spec.title}` : `Spec ${spec.number}: ${spec.title}`;
  const body = buildSpecPullRequestBody({
    description: spec.description,
    branch,
    requirements: spec.requirements,
    tickets: spec.tickets.map((ticket) => ({ ...ticket, integratedSha: ticket.tasks[0]?.integratedSha ?? null })),
  });
  const { octokit, owner, repo } = github;

  let pull: Pull;
  let action: SpecPullRequestSync["action"];
  if (spec.prNumber === null) {
    pull = await openDraft(github, { head: branch, base: spec.project.defaultBranch, title, body });
    await db.spec.update({ where: { id: spec.id }, data: { prNumber: pull.number, prUrl: pull.html_url } });
    action = "opened";
  } else {
    pull = (await octokit.rest.pulls.update({ owner, repo, pull_number: spec.prNumber, title, body })).data;
    action = "updated";
  }
  if (spec.executionStatus === "completed" && pull.draft) {
    // REST cannot take a pull request out of draft; only GraphQL's mutation, by the pull request's node id, can.
    await octokit.graphql(MARK_READY, { pullRequestId: pull.node_id });
    action = "ready";
  }
  return { url: pull.html_url, number: pull.number, action };
}

/**
 * The open pull request of the branch, brought to this title and body (it was opened by an earlier call that did not
 * get to store its number), or a new draft. A repository without drafts (private ones on GitHub Free) gets a pull
 * request ready for review instead; one opened for the branch meanwhile is found again rather than duplicated.
 */
async function openDraft({ octokit, owner, repo }: GithubClient, input: { head: string; base: string; title: string; body: string }): Promise<Pull> {
  const findOpen = async () => (await octokit.rest.pulls.list({ owner, repo, head: `${owner}:${input.head}`, state: "open", per_page: 1 })).data[0];
  const existing = await findOpen();
  if (existing) return (await octokit.rest.pulls.update({ owner, repo, pull_number: existing.number, title: input.title, body: input.body })).data;
  try {
    return (await octokit.rest.pulls.create({ owner, repo, ...input, draft: true })).data;
  } catch (error) {
    if (!isValidationFailure(error)) throw error;
    if (/draft/i.test(error.message)) return (await octokit.rest.pulls.create({ owner, repo, ...input })).data;
    const opened = /already exists/i.test(error.message) ? await findOpen() : undefined;
    if (!opened) throw error;
    return (await octokit.rest.pulls.update({ owner, repo, pull_number: opened.number, title: input.title, body: input.body })).data;
  }
}

const isValidationFailure = (error: unknown): error is Error & { status: number } =>
  error instanceof Error && (error as { status?: unknown }).status === 422;
