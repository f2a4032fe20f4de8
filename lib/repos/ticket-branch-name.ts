import { createHash } from "node:crypto";

/** Every branch the server pushes lives under this prefix; nothing outside it is ever pushed. */
export const BRANCH_PREFIX = "omoi/";

const MAX_SLUG = 24;

/**
 * A project's part of branch names: a slug of its name for people reading the branch list, and a short hash of its id
 * for uniqueness — two projects on one repository (both numbering OMOI-1…) never name the same branch.
 */
export function branchNamespace(project: { id: string; name: string }): string {
  const slug = project.name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, "");
  return `${slug || "project"}-${projectHash(project.id)}`;
}

/**
 * The one name of a ticket's branch, computed by the server: `omoi/<project namespace>/<ticket key>`. Whatever an agent
 * reports, this is the branch that is exported from its sandbox and pushed.
 */
export function ticketBranchName(project: { id: string; name: string }, ticketKey: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(ticketKey)) throw new Error(`invalid ticket key for a branch name: ${JSON.stringify(ticketKey)}`);
  return `${BRANCH_PREFIX}${branchNamespace(project)}/${ticketKey}`;
}

/**
 * The one name of a spec's branch, into which the server merges the spec's tickets: `omoi/<project namespace>/spec-<n>`
 * (n: the spec's number in its project). Ticket keys are letters, a dash and digits, so no ticket branch is named so.
 */
export function specBranchName(project: { id: string; name: string }, specNumber: number): string {
  if (!Number.isInteger(specNumber) || specNumber < 1) throw new Error(`invalid spec number for a branch name: ${specNumber}`);
  return `${BRANCH_PREFIX}${branchNamespace(project)}/spec-${specNumber}`;
}

/** Where a candidate merge into the spec branch waits for its tests (a mirror branch, never pushed but for Daytona). */
export const candidateBranchName = (specBranch: string) => `${specBranch}-candidate`;

/**
 * Whether `branch` is this ticket's branch under any name its project had: a stored branch is kept when the project
 * is renamed, so a ticket's later attempts keep working on (and owning) the branch it started.
 */
export function isTicketBranch(branch: string | null | undefined, project: { id: string }, ticketKey: string): branch is string {
  if (!branch) return false;
  return new RegExp(`^${BRANCH_PREFIX}[a-z0-9-]{0,${MAX_SLUG}}-${projectHash(project.id)}/${escape(ticketKey)}$`).test(branch);
}

function projectHash(projectId: string): string {
  return createHash("sha256").update(projectId).digest("hex").slice(0, 8);
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
