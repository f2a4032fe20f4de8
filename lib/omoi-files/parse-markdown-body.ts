/** A checklist item under `## Acceptance criteria`. */
export interface BodyCriterion {
  text: string;
  checked: boolean;
  line: number;
}

export interface CriteriaBody {
  /** Everything before the criteria heading, trimmed. */
  text: string;
  /** Line of the first non-blank line of `text` (the body's first line when empty). */
  textLine: number;
  criteria: BodyCriterion[];
  /** Line of the `## Acceptance criteria` heading; the body's last line when there is none. */
  criteriaLine: number;
  /** Lines after the heading that are not list items (they would be lost, so they are errors). */
  stray: { line: number; text: string }[];
}

export const CRITERIA_HEADING = "## Acceptance criteria";
const HEADING = /^##\s+acceptance\s+criteria\s*:?\s*$/i;
const ITEM = /^\s*[-*+]\s+(?:\[([ xX])\]\s+)?(.*)$/;

/** Splits a requirement's or task's body into its text and its acceptance-criteria checklist, with line numbers. */
export function parseCriteriaBody(body: string, bodyLine: number): CriteriaBody {
  const lines = body.split(/\r?\n/);
  const heading = lines.findIndex((line) => HEADING.test(line.trim()));
  const textLines = heading < 0 ? lines : lines.slice(0, heading);
  const firstText = textLines.findIndex((line) => line.trim() !== "");
  const result: CriteriaBody = {
    text: textLines.join("\n").trim(),
    textLine: bodyLine + Math.max(firstText, 0),
    criteria: [],
    criteriaLine: heading < 0 ? bodyLine + Math.max(lines.length - 1, 0) : bodyLine + heading,
    stray: [],
  };
  if (heading < 0) return result;
  for (let i = heading + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const item = ITEM.exec(line);
    const last = result.criteria[result.criteria.length - 1];
    if (item) result.criteria.push({ text: item[2]!.trim(), checked: (item[1] ?? " ").toLowerCase() === "x", line: bodyLine + i });
    // An indented line continues the item above it.
    else if (last && /^\s+\S/.test(line)) last.text = `${last.text} ${line.trim()}`;
    else result.stray.push({ line: bodyLine + i, text: line.trim() });
  }
  return result;
}

/** The checklist as pull writes it. */
export function renderCriteria(criteria: readonly string[], met: readonly boolean[] = []): string {
  return criteria.map((text, i) => `- [${met[i] ? "x" : " "}] ${oneLine(text)}`).join("\n");
}

/** Criteria are one line each in files; a newline inside one becomes a space. */
export const oneLine = (text: string) => text.replace(/\s*\r?\n\s*/g, " ").trim();
