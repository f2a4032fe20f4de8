import type { OmoiItemKind } from "@/lib/omoi-files/parse-omoi-file";
import { CRITERIA_HEADING } from "@/lib/omoi-files/parse-markdown-body";

const BODY = "the body";
const CRITERIA = `a "${CRITERIA_HEADING}" list in the body`;

/**
 * Where the content of a field the schema does not know belongs, per kind: the predecessor's snake_case names
 * (user_id, blocked_by, estimated_hours, api_endpoints, …), body fields put in the frontmatter, near misses. A
 * field with content and no home here is simply unknown. Kept beside the schemas so `omoi validate` and
 * `omoi migrate` agree on what goes where.
 */
const HOMES: Record<OmoiItemKind, Record<string, string>> = {
  spec: { description: BODY, name: "title", feature: "key", feature_name: "key" },
  requirement: {
    text: BODY,
    description: BODY,
    ears_type: "earsType",
    type: "earsType",
    acceptance_criteria: CRITERIA,
    acceptanceCriteria: CRITERIA,
  },
  design: {
    architecture: BODY,
    architecture_overview: BODY,
    overview: BODY,
    api_endpoints: "apiEndpoints",
    endpoints: "apiEndpoints",
    api_spec: "apiEndpoints",
    data_models: "dataModels",
    data_model: "dataModels",
    models: "dataModels",
    error_handling: "errorHandling",
    testing_strategy: "testingStrategy",
    security_considerations: "securityNotes",
    security_notes: "securityNotes",
    security: "securityNotes",
  },
  task: {
    description: BODY,
    text: BODY,
    acceptance_criteria: CRITERIA,
    acceptanceCriteria: CRITERIA,
    depends_on: "dependsOn",
    blocked_by: "dependsOn",
    dependencies: "dependsOn (its depends_on list)",
    estimate: "estimateHours (a number of hours)",
    estimated_hours: "estimateHours",
    estimate_hours: "estimateHours",
    hours: "estimateHours",
    files_to_create: "files",
    files_to_modify: "files",
    file_paths: "files",
    requirements: "requirementRefs",
    requirement_refs: "requirementRefs",
    requirements_addressed: "requirementRefs",
    parent_ticket: "task (in the ticket's file)",
  },
  ticket: {
    description: BODY,
    text: BODY,
    user_id: "owner (or assignee, for who works on it)",
    userId: "owner",
    owner_id: "owner",
    created_by: "owner",
    assignee_id: "assignee",
    assigneeId: "assignee",
    assigned_to: "assignee",
    depends_on: "dependsOn",
    blocked_by: "dependsOn",
    dependencies: "dependsOn (its blocked_by list)",
    tasks: "task (one task per ticket)",
    task_id: "task",
    estimate: "no field of a ticket: give its task an estimateHours, or keep it in the body",
    estimated_hours: "no field of a ticket: give its task an estimateHours, or keep it in the body",
  },
};

/** Where nested fields the schema drops belong, by path with indexes as `*`. */
const NESTED_HOMES: Record<string, string> = {
  "apiEndpoints.*": "the endpoint's description",
  "dataModels.*.fields.*": "the field's notes",
  "dataModels.*": "the body (the architecture)",
  "components.*": "the component's responsibility, or the body",
};

const normalize = (name: string) => name.replace(/[_\-\s]/g, "").toLowerCase();

/** The home of an unknown top-level field, or undefined when nothing obvious holds it. */
export function homeOfField(kind: OmoiItemKind, field: string, known: Iterable<string>): string | undefined {
  const explicit = HOMES[kind][field];
  if (explicit) return explicit;
  // Spelling variants of a real field: depends_on, estimate-hours, EarsType.
  for (const name of known) if (normalize(name) === normalize(field)) return name;
  return undefined;
}

/** The home of a nested field the schema dropped (`apiEndpoints.0.auth_required`), or undefined. */
export function homeOfNestedField(path: readonly (string | number)[]): string | undefined {
  const pattern = path.slice(0, -1).map((part) => (typeof part === "number" ? "*" : part)).join(".");
  return NESTED_HOMES[pattern];
}
