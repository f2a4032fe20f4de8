import type { EarsParts, EarsType } from "@/lib/specs/phases/ears/recognise-ears";
import { recogniseEars } from "@/lib/specs/phases/ears/recognise-ears";
import { isPlaceholderText } from "@/lib/specs/phases/substance/is-placeholder";

export interface RewriteSource {
  /** What the recogniser made of the sentence, if anything. */
  partial: Partial<EarsParts>;
  /** The requirement's own condition and action fields: the model's words, usually right even when the sentence is not. */
  condition?: string;
  action?: string;
}

const MAX_PART = 120;

/** The template of each form, for messages (the gate names the form it wants). */
export const EARS_TEMPLATES: Record<EarsType, string> = {
  ubiquitous: "THE <system> SHALL <response>",
  event_driven: "WHEN <trigger>, THE <system> SHALL <response>",
  state_driven: "WHILE <state>, THE <system> SHALL <response>",
  unwanted: "IF <condition>, THEN THE <system> SHALL <response>",
  optional: "WHERE <feature>, THE <system> SHALL <response>",
  complex: "WHILE <state>, WHEN <trigger>, THE <system> SHALL <response>",
};

/**
 * The model's own requirement in the form it declared: its condition, system and response put into the template,
 * so the feedback shows the fix instead of describing it. Parts it never gave stay as <placeholders>.
 */
export function suggestEarsRewrite(type: EarsType, source: RewriteSource): string {
  const { partial } = source;
  const named = partial.system && partial.system.length <= MAX_PART && partial.system.toLowerCase() !== "system" ? partial.system : undefined;
  const system = named ? `${partial.hasArticle === false ? "" : "THE "}${named}` : "THE SYSTEM";
  const response = usable(partial.response) ?? usable(source.action) ?? "<response>";
  const condition = usable(source.condition) ?? usable(partial.clauses?.map((c) => c.text).join(", ")) ?? "<condition>";
  const shall = `${system} SHALL${partial.negated ? " NOT" : ""} ${response}`;
  switch (type) {
    case "ubiquitous":
      return `${shall}.`;
    case "event_driven":
      return `WHEN ${condition}, ${shall}.`;
    case "state_driven":
      return `WHILE ${condition}, ${shall}.`;
    case "unwanted":
      return `IF ${condition}, THEN ${shall}.`;
    case "optional":
      return `WHERE ${condition}, ${shall}.`;
    case "complex":
      return `WHILE <state>, WHEN ${condition}, ${shall}.`;
  }
}

/** A part worth reusing: non-empty, not itself keyword soup, and short enough for a message. */
function usable(part: string | undefined): string | undefined {
  const trimmed = part?.trim().replace(/\.$/, "");
  if (!trimmed || isPlaceholderText(trimmed)) return undefined;
  // A part that the recogniser would read as a sentence of keywords only is no help as an example.
  const probe = recogniseEars(`THE SYSTEM SHALL ${trimmed}`);
  if (!probe.ok && probe.code === "keyword_soup") return undefined;
  return trimmed.length > MAX_PART ? `${trimmed.slice(0, MAX_PART - 1)}…` : trimmed;
}
