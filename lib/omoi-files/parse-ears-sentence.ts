import type { EARS_TYPES } from "@/lib/specs/phases/requirements-output";

export interface EarsParts {
  earsType: (typeof EARS_TYPES)[number];
  condition: string;
  action: string;
}

const SHALL = String.raw`THE\s+[\p{L}\p{N} _./-]{1,80}?\s+(?:SHALL|MUST)\s+`;
/** The EARS shapes the spec engine's gate knows (lib/specs/phases/evaluate-phase.ts), with their clauses captured. */
const SHAPES: { type: EarsParts["earsType"]; pattern: RegExp }[] = [
  { type: "complex", pattern: new RegExp(String.raw`^((?:WHILE|WHEN|WHERE|IF)\s+.+?\b(?:WHILE|WHEN|WHERE|IF)\b.+?),\s*(?:THEN\s+)?${SHALL}(.+)$`, "isu") },
  { type: "event_driven", pattern: new RegExp(String.raw`^WHEN\s+(.+?),\s*${SHALL}(.+)$`, "isu") },
  { type: "state_driven", pattern: new RegExp(String.raw`^WHILE\s+(.+?),\s*${SHALL}(.+)$`, "isu") },
  { type: "unwanted", pattern: new RegExp(String.raw`^IF\s+(.+?),\s*THEN\s+${SHALL}(.+)$`, "isu") },
  { type: "optional", pattern: new RegExp(String.raw`^WHERE\s+(.+?),\s*${SHALL}(.+)$`, "isu") },
  { type: "ubiquitous", pattern: new RegExp(String.raw`^()${SHALL}(.+)$`, "isu") },
];

/**
 * The EARS type, condition and action of a requirement sentence ("WHEN a user signs in, THE SYSTEM SHALL …"), as
 * the requirement files need them. A sentence in no EARS shape is kept whole as a ubiquitous requirement's action.
 */
export function parseEarsSentence(sentence: string): EarsParts {
  const text = sentence.replace(/\s+/g, " ").trim();
  for (const { type, pattern } of SHAPES) {
    const match = pattern.exec(text);
    if (!match) continue;
    // A complex sentence keeps its leading keyword in the condition ("WHILE …, WHEN …").
    const condition = type === "complex" ? match[1]! : match[1]!.trim();
    return { earsType: type, condition: condition.trim(), action: match[2]!.replace(/\.\s*$/, "").trim() };
  }
  return { earsType: "ubiquitous", condition: "", action: text.replace(/\.\s*$/, "") };
}
