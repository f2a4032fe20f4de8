import { migrateDesignFile } from "@/lib/omoi-files/migrate-design-file";
import { migrateRequirementDoc } from "@/lib/omoi-files/migrate-requirement-doc";
import { migrateSpecFile } from "@/lib/omoi-files/migrate-spec-file";
import { migrateTaskFile } from "@/lib/omoi-files/migrate-task-file";
import { migrateTicketFile } from "@/lib/omoi-files/migrate-ticket-file";
import { buildMigrationContext } from "@/lib/omoi-files/build-migration-context";
import { MoveLog, type MigratedFile, type SourceFile } from "@/lib/omoi-files/migration-parts";
import { parseFrontmatter } from "@/lib/omoi-files/parse-frontmatter";
import { kindOfPath, parseOmoiFile, type OmoiItemKind } from "@/lib/omoi-files/parse-omoi-file";
import { asText, slugify } from "@/lib/omoi-files/predecessor-values";
import { file } from "@/lib/omoi-files/render-omoi-files";
import { splitRequirementSections } from "@/lib/omoi-files/split-predecessor-body";

/** Where `omoi migrate` keeps the originals of the files it rewrites (validate and push never read it). */
export const PREDECESSOR_DIR = "predecessor";

export interface MigrationStep {
  /** The predecessor file (or spec.md), inside `.omoi_os/`. */
  source: string;
  /** The files it becomes; empty when it only moves to predecessor/. */
  targets: string[];
  /** Where each field went, one line each. */
  lines: string[];
  /** The source is a file that does not exist yet (spec.md for a folder without one). */
  created?: boolean;
}

export interface MigrationPlan {
  steps: MigrationStep[];
  writes: { relPath: string; text: string }[];
  /** Files that no longer belong where they are (replaced by files with other names, or not items at all). */
  removes: string[];
  /** Every file rewritten or removed: its original is kept under predecessor/ first. */
  backups: string[];
  /** What stops the migration (nothing is written while there is one). */
  problems: string[];
}

/**
 * How a `.omoi_os/` folder in the predecessor's format becomes ours, computed from the files' text alone (so a dry
 * run and a real run decide the same way, and tests need no disk). Files already in our format are left alone;
 * `files` maps paths inside `.omoi_os/` to their text.
 */
export function planOmoiMigration(files: ReadonlyMap<string, string>, options: { specKey?: string } = {}): MigrationPlan {
  const problems: string[] = [];
  const ours: Record<OmoiItemKind, SourceFile[]> = { spec: [], requirement: [], design: [], task: [], ticket: [] };
  const old: Record<OmoiItemKind, SourceFile[]> = { spec: [], requirement: [], design: [], task: [], ticket: [] };
  const notItems: string[] = [];
  let prd: SourceFile | undefined;

  for (const [relPath, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (relPath.startsWith(`${PREDECESSOR_DIR}/`)) continue;
    const isPrd = /^(?:docs\/prd-[^/]+|prd\/[^/]+)\.md$/.test(relPath);
    const kind = kindOfPath(relPath);
    if (!kind && !isPrd) continue;
    const parsed = parseFrontmatter(text, relPath);
    if (!parsed.frontmatter) {
      if (kind && parsed.diagnostics.some((d) => d.message.startsWith("missing YAML frontmatter"))) notItems.push(relPath);
      else if (kind) problems.push(`${relPath}:${parsed.diagnostics[0]?.line ?? 1}: ${parsed.diagnostics[0]?.message ?? "unreadable"} (fix it, then migrate)`);
      continue;
    }
    const source = { relPath, data: parsed.frontmatter.data, body: parsed.frontmatter.body };
    if (isPrd) {
      prd ??= source;
      continue;
    }
    const unknownFields = parseOmoiFile(relPath, text)!.diagnostics.some((d) => d.message.includes("unknown field"));
    const sections = kind === "requirement" && splitRequirementSections(source.body).sections.length > 0;
    (unknownFields || sections ? old : ours)[kind!].push(source);
  }

  const ctx = buildMigrationContext(old, ours);
  const steps: MigrationStep[] = [];
  const migrated: MigratedFile[] = [];
  const specSections: string[] = [];
  const convert = (source: SourceFile, run: (log: MoveLog) => MigratedFile[]) => {
    const log = new MoveLog();
    const out = run(log);
    migrated.push(...out);
    steps.push({ source: source.relPath, targets: out.map((f) => f.relPath), lines: log.lines, ...(files.has(source.relPath) ? {} : { created: true }) });
  };
  for (const source of old.requirement) {
    convert(source, (log) => {
      const result = migrateRequirementDoc(source, ctx, log);
      if (result.specSection) specSections.push(result.specSection);
      return result.files;
    });
  }
  for (const source of old.design) convert(source, (log) => [migrateDesignFile(source, log)]);
  for (const source of old.task) convert(source, (log) => [migrateTaskFile(source, ctx, log)]);
  for (const source of old.ticket) convert(source, (log) => [migrateTicketFile(source, ctx, log)]);
  for (const relPath of notItems) steps.push({ source: relPath, targets: [], lines: [`not an item (no frontmatter): kept only in ${PREDECESSOR_DIR}/${relPath}`] });

  const existingSpec = ours.spec[0] ?? old.spec[0];
  const needsItsSpec = [old, ours].some((group) => group.requirement.length + group.design.length + group.task.length > 0);
  if ((!existingSpec && needsItsSpec) || specSections.length || old.spec.length) {
    const features = [prd, ...old.design, ...old.requirement, ...old.task, ...old.ticket].map((s) => asText(s?.data.feature) ?? asText(s?.data.feature_name));
    const feature = features.find(Boolean);
    const key = options.specKey ?? asText(existingSpec?.data.key) ?? slugify(feature) ?? slugify(old.design[0]?.relPath.split("/")[1]?.replace(/\.md$/, "")) ?? "migrated-spec";
    convert(existingSpec ?? { relPath: "spec.md", data: {}, body: "" }, (log) => [migrateSpecFile({ key, existing: existingSpec, prd, feature, sections: specSections }, log)]);
  }
  if (old.design.length + ours.design.length > 1) problems.push(`a spec has one design, these are ${old.design.length + ours.design.length}: merge them into one file first`);

  const writes = migrated.map((m) => ({ relPath: m.relPath, text: file(m.frontmatter, m.body) }));
  const sources = new Set([...steps.map((s) => s.source)].filter((rel) => files.has(rel)));
  const targets = new Map<string, number>();
  for (const write of writes) targets.set(write.relPath, (targets.get(write.relPath) ?? 0) + 1);
  for (const [relPath, count] of targets) {
    if (count > 1) problems.push(`${relPath} would be written ${count} times (two items with the same id?)`);
    else if (files.has(relPath) && !sources.has(relPath)) problems.push(`${relPath} exists and is not being migrated; move it away or rename the item`);
  }
  return {
    steps,
    writes: writes.filter((w) => files.get(w.relPath) !== w.text),
    removes: [...sources].filter((rel) => !targets.has(rel)),
    backups: [...sources].filter((rel) => files.get(rel) !== writes.find((w) => w.relPath === rel)?.text),
    problems,
  };
}
