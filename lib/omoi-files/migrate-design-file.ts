import { FieldReader, type MigratedFile, type MoveLog, type SourceFile } from "@/lib/omoi-files/migration-parts";
import { asList, asText, isRecord, joinParts, predecessorSection, summarize } from "@/lib/omoi-files/predecessor-values";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * A predecessor design (`api_endpoints: [{method, path, description, auth_required, request_body, response,
 * path_params}]`, `data_models: [{name, description, table_name, typed_fields|fields, relationships}]`,
 * components, error_handling, testing_strategy, security_considerations, …) as ours: endpoints and models keep
 * every detail (extra endpoint details join its description, field details its notes, model details a section of
 * the body), and everything else with content is kept in the body.
 */
export function migrateDesignFile(source: SourceFile, log: MoveLog): MigratedFile {
  const fields = new FieldReader(source.data);
  const frontmatter: Record<string, unknown> = {};
  const sections: string[] = [];

  const endpoints = [...listOf(fields.take("api_endpoints")), ...listOf(fields.take("apiEndpoints")), ...listOf(fields.take("api_spec"))];
  frontmatter.apiEndpoints = endpoints.map((raw) => {
    const { method, path, endpoint, description, purpose, ...details } = raw;
    const verb = asText(method)?.toUpperCase() ?? "";
    const where = asText(path) ?? asText(endpoint) ?? "";
    const extra = Object.entries(details).map(([key, value]) => `${key.replace(/_/g, " ")}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
    if (!METHODS.includes(verb)) log.note(`endpoint ${verb} ${where}: the method must be one of ${METHODS.join(", ")}`);
    log.moved(`api_endpoints ${verb} ${where}`, "apiEndpoints", extra.length ? `details into its description (${Object.keys(details).join(", ")})` : undefined);
    const text = asText(description) ?? asText(purpose) ?? `${verb} ${where}`;
    return { method: verb, path: where, description: extra.length ? `${text} (${extra.join("; ")})` : text };
  });

  const models = [...listOf(fields.take("data_models")), ...listOf(fields.take("dataModels"))];
  frontmatter.dataModels = models.map((raw) => {
    const { name, fields: plain, typed_fields: typed, ...details } = raw;
    const modelName = asText(name) ?? "";
    const modelFields = [...modelFieldsOf(typed), ...modelFieldsOf(plain)];
    log.moved(`data_models ${modelName}`, "dataModels", `${modelFields.length} field(s)${Object.keys(details).length ? `; ${Object.keys(details).join(", ")} into the body` : ""}`);
    const kept = Object.fromEntries(Object.entries(details).filter(([, value]) => asText(value) !== undefined || Array.isArray(value) || isRecord(value)));
    if (Object.keys(kept).length) sections.push(predecessorSection(kept, `### Data model ${modelName}`));
    return { name: modelName, fields: modelFields };
  });

  frontmatter.components = listOf(fields.take("components")).map((raw) => {
    const { name, responsibility, description, interfaces, files, file_path: filePath, ...details } = raw;
    const componentName = asText(name) ?? "";
    const why = asText(responsibility) ?? asText(description) ?? componentName;
    if (asText(responsibility) && asText(description)) details.description = description;
    if (Object.keys(details).length) sections.push(predecessorSection(details, `### Component ${componentName}`));
    log.moved(`components ${componentName}`, "components");
    return { name: componentName, responsibility: why, interfaces: (Array.isArray(interfaces) ? interfaces : []).map(interfaceText), files: [...asList(files), ...asList(filePath)] };
  });

  frontmatter.errorHandling = textList(fields.take("error_handling"), fields.take("errorHandling"));
  frontmatter.securityNotes = textList(fields.take("security_considerations"), fields.take("security_notes"), fields.take("securityNotes"));
  const testing = [fields.take("testing_strategy"), fields.take("testingStrategy")].map(testingText).filter(Boolean).join("\n\n");
  if (testing) frontmatter.testingStrategy = testing;
  for (const [from, to] of [["error_handling", "errorHandling"], ["security_considerations", "securityNotes"], ["testing_strategy", "testingStrategy"]] as const) {
    if (source.data[from] !== undefined) log.moved(from, to, source.data[from]);
  }

  const overview = asText(fields.take("architecture_overview"));
  const diagram = asText(fields.take("architecture_diagram"));
  if (overview) log.moved("architecture_overview", "the body (architecture)");
  if (diagram) log.moved("architecture_diagram", "the body (architecture)");
  const rest = fields.rest();
  log.keptInBody(rest);
  if (sections.length) log.moved("details of models and components", 'body "## Predecessor fields"');
  const kept = joinParts(predecessorSection(rest), ...sections);
  return { relPath: source.relPath, frontmatter, body: joinParts(overview, source.body, diagram, kept) };
}

/** A list of mappings (anything else in it is dropped from the list and reported by validate). */
const listOf = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** typed_fields `[{name, type, description, constraints, default, nullable}]`, or fields `{col: "TYPE CONSTRAINTS"}`. */
function modelFieldsOf(value: unknown): { name: string; type: string; notes?: string }[] {
  if (isRecord(value)) return Object.entries(value).map(([name, type]) => ({ name, type: asText(type) ?? summarize(type) }));
  return listOf(value).map(({ name, type, ...details }) => {
    const notes = Object.entries(details)
      .filter(([, v]) => v !== undefined && v !== null && v !== "")
      .map(([key, v]) => (key === "description" || key === "notes" ? String(v) : `${key}: ${typeof v === "string" ? v : JSON.stringify(v)}`))
      .join("; ");
    return { name: asText(name) ?? "", type: asText(type) ?? "", ...(notes ? { notes } : {}) };
  });
}

/** An interface as text: a string, or `{method, inputs, outputs}` as "method(inputs) → outputs". */
function interfaceText(value: unknown): string {
  if (!isRecord(value)) return asText(value) ?? JSON.stringify(value);
  const { method, name, inputs, outputs, ...other } = value;
  const show = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
  const base = `${show(method ?? name)}(${show(inputs)})${outputs === undefined ? "" : ` → ${show(outputs)}`}`;
  return Object.keys(other).length ? `${base} ${JSON.stringify(other)}` : base;
}

/** Lists of notes from lists, mappings ({case: handling}) or text. */
function textList(...values: unknown[]): string[] {
  return values.flatMap((value) => {
    if (Array.isArray(value)) return value.map((v) => asText(v) ?? JSON.stringify(v));
    if (isRecord(value)) return Object.entries(value).map(([key, v]) => `${key}: ${asText(v) ?? JSON.stringify(v)}`);
    const text = asText(value);
    return text ? [text] : [];
  });
}

/** testing_strategy as text: `{unit_tests: [...], integration_tests: [...]}` becomes labelled lines. */
function testingText(value: unknown): string {
  if (!isRecord(value)) return asText(value) ?? "";
  return Object.entries(value)
    .map(([key, v]) => `${key.replace(/_/g, " ")}: ${Array.isArray(v) ? v.map((x) => asText(x) ?? JSON.stringify(x)).join("; ") : (asText(v) ?? JSON.stringify(v))}`)
    .join("\n");
}
