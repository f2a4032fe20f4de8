/**
 * Readers for the predecessor's markdown bodies (used by `omoi migrate`): its acceptance criteria come under a
 * `## Acceptance Criteria` heading or a `**Acceptance Criteria**:` line, in the middle of other sections; its
 * requirement documents hold many requirements under `### REQ-…: Title` headings.
 */

export interface Criterion {
  text: string;
  checked: boolean;
}

const CRITERIA_HEADING = /^(#{2,6})\s+acceptance\s+criteria\s*:?\s*$/i;
const CRITERIA_BOLD = /^\s*\*\*acceptance\s+criteria:?\*\*\s*:?\s*(.*)$/i;
const ITEM = /^\s*[-*+]\s+(?:\[([ xX])\]\s+)?(.*)$/;
const HEADING = /^(#{1,6})\s/;

/**
 * Takes the acceptance criteria out of a body: every criteria block's marker and list items (continuation lines
 * joined), leaving all other lines where they were.
 */
export function extractCriteria(body: string): { criteria: Criterion[]; rest: string } {
  const lines = body.split(/\r?\n/);
  const criteria: Criterion[] = [];
  const rest: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = CRITERIA_HEADING.exec(line.trim());
    const bold = heading ? null : CRITERIA_BOLD.exec(line);
    if (!heading && !bold) {
      rest.push(line);
      continue;
    }
    if (bold?.[1]) {
      const inline = ITEM.exec(bold[1]);
      if (inline) criteria.push({ text: inline[2]!.trim(), checked: (inline[1] ?? " ").toLowerCase() === "x" });
      else rest.push(bold[1]);
    }
    const level = heading ? heading[1]!.length : 7;
    for (; i + 1 < lines.length; i++) {
      const next = lines[i + 1]!;
      const headingLevel = HEADING.exec(next)?.[1]?.length;
      if (headingLevel !== undefined && (headingLevel <= level || !heading)) break;
      const item = ITEM.exec(next);
      const last = criteria[criteria.length - 1];
      if (item) criteria.push({ text: item[2]!.trim(), checked: (item[1] ?? " ").toLowerCase() === "x" });
      else if (next.trim() === "") continue;
      else if (last && /^\s+\S/.test(next)) last.text = `${last.text} ${next.trim()}`;
      else if (!heading) break;
      else rest.push(next);
    }
  }
  return { criteria: criteria.filter((c) => c.text !== ""), rest: tidy(rest.join("\n")) };
}

export interface RequirementSection {
  id: string;
  title: string;
  body: string;
}

const REQUIREMENT_HEADING = /^(#{2,4})\s+(REQ-[A-Za-z0-9_-]+)\s*(?:[:.—–-]\s*(.*))?$/;

/** A requirements document's `### REQ-…: Title` sections, and the text outside them (intro, group headings). */
export function splitRequirementSections(body: string): { intro: string; sections: RequirementSection[] } {
  const sections: RequirementSection[] = [];
  const intro: string[] = [];
  let current: { section: RequirementSection; level: number; lines: string[] } | undefined;
  const close = () => {
    if (current) sections.push({ ...current.section, body: tidy(current.lines.join("\n")) });
    current = undefined;
  };
  for (const line of body.split(/\r?\n/)) {
    const match = REQUIREMENT_HEADING.exec(line.trim());
    const level = HEADING.exec(line)?.[1]?.length;
    if (match) {
      close();
      current = { section: { id: match[2]!, title: (match[3] ?? "").trim(), body: "" }, level: match[1]!.length, lines: [] };
    } else if (current && level !== undefined && level < current.level) {
      close();
      intro.push(line);
    } else if (current) current.lines.push(line);
    else intro.push(line);
  }
  close();
  return { intro: tidy(intro.join("\n")), sections };
}

const BOLD_FIELD = /^\s*\*\*([A-Za-z][\w /-]{0,40}?)\*\*\s*:\s*(.+?)\s*$/;

/** `**Priority**: HIGH` lines of a section as fields (`priority: "HIGH"`), and the text without them. */
export function extractBoldFields(body: string): { fields: Record<string, string>; rest: string } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    const match = BOLD_FIELD.exec(line);
    if (match && !/^acceptance criteria$/i.test(match[1]!)) fields[match[1]!.trim().toLowerCase().replace(/[\s-]+/g, "_")] = match[2]!;
    else rest.push(line);
  }
  return { fields, rest: tidy(rest.join("\n")) };
}

/** Trimmed, with runs of blank lines collapsed to one. */
const tidy = (text: string) => text.replace(/\n{3,}/g, "\n\n").trim();
