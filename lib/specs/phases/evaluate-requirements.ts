import { recogniseEars } from "@/lib/specs/phases/ears/recognise-ears";
import { suggestEarsRewrite } from "@/lib/specs/phases/ears/suggest-ears-rewrite";
import { Gate, duplicates, schemaFailure, type Evaluation } from "@/lib/specs/phases/evaluation";
import { REQUIREMENT_ID, requirementsOutputSchema, type Requirement } from "@/lib/specs/phases/requirements-output";
import { judgeCriteria } from "@/lib/specs/phases/substance/judge-criteria";

const GENERIC_TITLES = new Set(["api", "data model", "database", "ui", "frontend", "backend", "security", "performance", "requirements", "misc"]);

/**
 * The REQUIREMENTS gate: ids, one real EARS sentence per requirement (recognised, not pattern-matched), at least
 * two distinct checkable criteria, and dependencies inside the list. A sentence whose form differs from its
 * declared earsType is stored as the form it actually has (with a warning): the output returned is the one to keep.
 */
export function evaluateRequirements(raw: unknown): Evaluation {
  const parsed = requirementsOutputSchema.safeParse(raw);
  if (!parsed.success) return schemaFailure(parsed.error);
  // zod builds new objects on parse, so normalising them never touches the caller's input.
  const output = parsed.data;
  const { requirements } = output;
  const gate = new Gate();
  gate.check("schema", 1, 1, 1);
  if (requirements.length === 0) {
    gate.issue("requirements_empty", "requirements: the list is empty");
    gate.check("ears_form", 3, 0, 1);
    return gate.finish(output);
  }
  const ids = requirements.map((r) => r.id);
  const known = new Set(ids);
  const badIds = requirements.filter((r) => !REQUIREMENT_ID.test(r.id));
  for (const r of badIds) gate.issue("bad_id", `${r.id}: ids look like REQ-<AREA>-<NNN> (e.g. REQ-AUTH-001)`);
  const repeatedIds = duplicates(ids);
  for (const id of repeatedIds) gate.issue("duplicate_id", `${id}: the id is used more than once`);
  gate.check("ids", 1, requirements.length - badIds.length - repeatedIds.length, requirements.length);

  let earsOk = 0;
  for (const r of requirements) {
    if (checkEarsSentence(gate, r)) earsOk++;
    if (GENERIC_TITLES.has(r.title.trim().toLowerCase())) gate.warn(`${r.id}: "${r.title}" is too generic a title; name the capability`);
  }
  gate.check("ears_form", 3, earsOk, requirements.length);

  let criteriaOk = 0;
  for (const r of requirements) {
    const judged = judgeCriteria(r.acceptanceCriteria);
    if (judged.placeholders.length > 0) {
      const which = judged.placeholders.map((n) => `#${n}`).join(", ");
      gate.issue("criteria_placeholder", `${r.id}: acceptance criteria ${which} ${judged.placeholders.length > 1 ? "are" : "is"} blank or a placeholder; write what a tester can check`);
    }
    for (const criterion of judged.duplicates) gate.issue("criteria_duplicate", `${r.id}: the acceptance criterion "${short(criterion)}" is listed more than once`);
    if (judged.checkable < 2) gate.issue("criteria_too_few", `${r.id}: needs at least 2 checkable acceptance criteria (has ${judged.checkable})`);
    if (judged.checkable >= 2 && judged.placeholders.length === 0 && judged.duplicates.length === 0) criteriaOk++;
  }
  gate.check("acceptance_criteria", 3, criteriaOk, requirements.length);

  let refsOk = 0;
  let refs = 0;
  for (const r of requirements) {
    for (const dep of r.dependencies) {
      refs++;
      if (dep === r.id) gate.issue("self_ref", `${r.id}: depends on itself`);
      else if (!known.has(dep)) gate.issue("unknown_ref", `${r.id}: depends on ${dep}, which is not a requirement here`);
      else refsOk++;
    }
  }
  gate.check("references", 1, refsOk, refs);
  return gate.finish(output);
}

/** Judges one sentence; normalises the requirement to what the sentence is. True when it is EARS. */
function checkEarsSentence(gate: Gate, r: Requirement): boolean {
  const text = r.text.trim();
  const result = recogniseEars(text);
  if (!result.ok) {
    const example = suggestEarsRewrite(r.earsType, { partial: result.partial, condition: r.condition, action: r.action });
    const verdict = result.code === "keyword_soup" ? "is keyword soup, not a requirement" : `is not in ${r.earsType} EARS form`;
    gate.issue(result.code, `${r.id}: "${short(text)}" ${verdict} (${result.reason}); write it as: ${example}`);
    return false;
  }
  if (result.commaMissing) gate.warn(`${r.id}: end the condition with a comma before the system ("…, THE ${result.system} SHALL …")`);
  if (result.type !== r.earsType) {
    gate.warn(`${r.id}: earsType says ${r.earsType} but the sentence is ${result.type} EARS; stored as ${result.type}`);
    r.earsType = result.type;
  }
  if (r.earsType !== "ubiquitous" && !r.condition.trim()) {
    r.condition = result.clauses.map((c) => c.text).join(", ").slice(0, 1000);
    gate.warn(`${r.id}: the condition was empty; stored as "${short(r.condition)}" from the sentence`);
  }
  return true;
}

function short(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
