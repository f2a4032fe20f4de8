import { FieldReader, type MigratedFile, type MoveLog, type SourceFile } from "@/lib/omoi-files/migration-parts";
import { asText, joinParts, predecessorSection } from "@/lib/omoi-files/predecessor-values";

export interface SpecSources {
  key: string;
  /** spec.md already in our format: kept, with the sections added to its body. */
  existing?: SourceFile;
  /** The predecessor's PRD (`docs/prd-{feature}.md`): its title and text describe the spec. */
  prd?: SourceFile;
  /** A feature name from the files, for the title when there is no PRD. */
  feature?: string;
  /** Sections that describe the whole spec (requirement documents' own fields). */
  sections: readonly string[];
}

/**
 * spec.md for a migrated folder: the predecessor had no such file (a spec was its PRD, or only a feature name),
 * but requirements, a design and tasks belong to a spec here.
 */
export function migrateSpecFile({ key, existing, prd, feature, sections }: SpecSources, log: MoveLog): MigratedFile {
  if (existing) {
    const fields = new FieldReader(existing.data);
    const frontmatter = { key: fields.take("key"), title: fields.take("title"), id: fields.take("id") };
    const rest = fields.rest();
    log.keptInBody(rest);
    for (const section of sections) log.moved(section.split("\n")[0]!.replace(/^#+\s*/, ""), "the body");
    return { relPath: "spec.md", frontmatter, body: joinParts(existing.body, predecessorSection(rest), ...sections) };
  }
  const fields = new FieldReader(prd?.data ?? {});
  const title = asText(fields.take("title")) ?? feature ?? key;
  const rest = fields.rest();
  if (prd) {
    log.moved(`${prd.relPath} title`, "title", title);
    log.moved(`${prd.relPath} text`, "the body (the spec's description)");
    log.keptInBody(rest);
  } else log.note(`key ${key} and title "${title}" made up from the files; change them if you like (before the first push)`);
  const intro = prd ? `## From ${prd.relPath}` : undefined;
  const body = joinParts(prd ? undefined : "Migrated from the predecessor's `.omoi_os/` files.", intro, prd?.body, predecessorSection(rest), ...sections);
  return { relPath: "spec.md", frontmatter: { key, title: title.slice(0, 200) }, body };
}
