/** GitHub refuses a pull request body over 65,536 characters; this leaves room for the notes that say what was cut. */
export const SPEC_PULL_REQUEST_BODY_LIMIT = 60_000;
const DESCRIPTION_LIMIT = 10_000;
const TICKETS_LIMIT = 20_000;

export interface SpecPullRequestContent {
  description: string;
  branch: string;
  requirements: {
    localId: string;
    title: string;
    text: string;
    criteria: { text: string; met: boolean; evidence: string | null }[];
  }[];
  tickets: { key: string; title: string; status: string; integratedSha: string | null }[];
}

/**
 * The spec's pull request description: what was asked (the spec's description), what was promised (each requirement
 * with its acceptance criteria, ticked when met, with the evidence) and how far it got (the tickets, with the spec
 * branch commit each one's work was integrated in). Each part has a share of GitHub's size limit, so a long plan
 * cannot push the ticket table out; a part cut short says so.
 */
export function buildSpecPullRequestBody(content: SpecPullRequestContent): string {
  const intro = [
    `Every ticket of this spec is merged into \`${content.branch}\` once its work is accepted and its tests pass.`,
    "_Kept up to date by OmoiOS: edits to this description are replaced at its next update._",
    "",
  ];
  const description = content.description.trim();
  const descriptionPart = description.length > DESCRIPTION_LIMIT ? `${description.slice(0, DESCRIPTION_LIMIT)}…\n\n_(description cut short)_` : description;
  const tickets = fitLines(ticketLines(content.tickets), TICKETS_LIMIT, "tickets");
  const used = intro.join("\n").length + descriptionPart.length + tickets.join("\n").length + 200;
  const requirements = fitLines(requirementLines(content.requirements), SPEC_PULL_REQUEST_BODY_LIMIT - used, "requirement lines");
  return [...intro, "## Description", "", descriptionPart, "", ...requirements, "", ...tickets, ""].join("\n");
}

function requirementLines(requirements: SpecPullRequestContent["requirements"]): string[] {
  if (requirements.length === 0) return [];
  const lines = ["## Requirements", ""];
  for (const requirement of requirements) {
    lines.push(`### ${oneLine(requirement.localId)}: ${oneLine(requirement.title)}`, "", oneLine(requirement.text), "");
    for (const criterion of requirement.criteria) {
      const evidence = criterion.met && criterion.evidence ? ` — ${oneLine(criterion.evidence)}` : "";
      lines.push(`- [${criterion.met ? "x" : " "}] ${oneLine(criterion.text)}${evidence}`);
    }
    if (requirement.criteria.length > 0) lines.push("");
  }
  return lines;
}

function ticketLines(tickets: SpecPullRequestContent["tickets"]): string[] {
  if (tickets.length === 0) return [];
  const lines = ["## Tickets", "", "| Ticket | Title | Status | Integrated |", "| --- | --- | --- | --- |"];
  for (const ticket of tickets) {
    const sha = ticket.integratedSha ? `\`${ticket.integratedSha.slice(0, 7)}\`` : "—";
    lines.push(`| ${cell(ticket.key)} | ${cell(ticket.title)} | ${cell(ticket.status)} | ${sha} |`);
  }
  return lines;
}

/** The lines that fit in `budget` characters, then one line saying how many were left out. */
function fitLines(lines: string[], budget: number, noun: string): string[] {
  let size = 0;
  for (let index = 0; index < lines.length; index++) {
    size += lines[index]!.length + 1;
    if (size > budget - 80) return [...lines.slice(0, index), "", `_…and ${lines.length - index} more ${noun}, left out to keep within GitHub's size limit._`];
  }
  return lines;
}

// Text from the plan and the agents goes on one line, so a newline cannot end a list item or a table row early.
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const cell = (text: string) => oneLine(text).replace(/\|/g, "\\|");
