import { designOutputSchema } from "@/lib/specs/phases/design-output";
import { findDesignNeeds } from "@/lib/specs/phases/design-needs/find-design-needs";
import { findDesignWaivers } from "@/lib/specs/phases/design-needs/find-design-waivers";
import { Gate, duplicates, schemaFailure, type Evaluation } from "@/lib/specs/phases/evaluation";
import type { RequirementsOutput } from "@/lib/specs/phases/requirements-output";
import { countProseWords, isMostlyPlaceholders } from "@/lib/specs/phases/substance/count-prose-words";

const MIN_ARCHITECTURE_WORDS = 40;

/**
 * The DESIGN gate: a real architecture (enough words, not a skeleton of TODOs), components, and — when the passed
 * requirements are given — data models when they store data and endpoints when they expose an API, unless the
 * architecture says in words that none change (see findDesignWaivers for the exact rule).
 */
export function evaluateDesign(raw: unknown, requirements?: RequirementsOutput): Evaluation {
  const parsed = designOutputSchema.safeParse(raw);
  if (!parsed.success) return schemaFailure(parsed.error);
  const out = parsed.data;
  const gate = new Gate();
  gate.check("schema", 1, 1, 1);

  const words = countProseWords(out.architecture);
  if (isMostlyPlaceholders(words)) {
    gate.issue(
      "architecture_placeholder",
      `architecture: ${words.placeholders} placeholders (${words.samples.join(", ")}) against ${words.real} real words; write the decisions instead of marking where they go`,
    );
  } else if (words.placeholders > 0) {
    gate.warn(`architecture: ${words.placeholders} placeholder(s) left (${words.samples.join(", ")}); resolve them`);
  }
  if (words.real < MIN_ARCHITECTURE_WORDS) {
    gate.issue("architecture_too_short", `architecture: ${words.real} words; explain how the feature fits the existing architecture (at least a few paragraphs)`);
  }
  gate.check("architecture", 2, Math.min(words.real, 120) - words.placeholders, 120);

  if (out.components.length === 0) gate.issue("components_missing", "components: name the components this feature adds or changes");
  gate.check("components", 3, out.components.length > 0 ? 1 : 0, 1);
  const noInterface = out.components.filter((c) => c.interfaces.length === 0);
  for (const c of noInterface) gate.warn(`${c.name}: list the interface it exposes`);
  gate.check("interfaces", 1, out.components.length - noInterface.length, out.components.length);
  for (const name of duplicates(out.components.map((c) => c.name))) gate.issue("duplicate_component", `components: "${name}" appears more than once`);

  const needsMet = checkNeeds(gate, out.architecture, out.dataModels.length, out.apiEndpoints.length, requirements);
  if (needsMet && out.dataModels.length === 0 && out.apiEndpoints.length === 0) {
    const waivers = findDesignWaivers(out.architecture);
    if (!waivers.data && !waivers.api) gate.warn("neither data models nor endpoints change — say so in the architecture if that is intended");
  }
  gate.check("data_and_endpoints", 2, (out.dataModels.length > 0 ? 1 : 0) + (out.apiEndpoints.length > 0 ? 1 : 0), 2);
  gate.check("testing_strategy", 1, out.testingStrategy.trim().length >= 40 ? 1 : 0, 1);
  gate.check("error_handling", 1, out.errorHandling.length > 0 ? 1 : 0, 1);
  gate.check("security", 1, out.securityNotes.length > 0 ? 1 : 0, 1);
  return gate.finish(out);
}

/** Refuses a design that leaves out what the requirements ask for without saying why. True when nothing is missing. */
function checkNeeds(gate: Gate, architecture: string, dataModels: number, endpoints: number, requirements?: RequirementsOutput): boolean {
  if (!requirements) return true;
  const needs = findDesignNeeds(requirements);
  if ((needs.data.length === 0 || dataModels > 0) && (needs.api.length === 0 || endpoints > 0)) return true;
  const waivers = findDesignWaivers(architecture);
  let met = true;
  if (needs.data.length > 0 && dataModels === 0 && !waivers.data) {
    met = false;
    gate.issue(
      "data_model_missing",
      `dataModels: ${needs.data.join(", ")} store or record data but no data model is added or changed; list the models, ` +
        `or say in the architecture why none is needed (e.g. "no new data model: it reuses …")`,
    );
  }
  if (needs.api.length > 0 && endpoints === 0 && !waivers.api) {
    met = false;
    gate.issue(
      "endpoint_missing",
      `apiEndpoints: ${needs.api.join(", ")} speak of an API, endpoint or route but none is added or changed; list them, ` +
        `or say in the architecture why none is needed (e.g. "no new endpoint: the existing … serves it")`,
    );
  }
  return met;
}
