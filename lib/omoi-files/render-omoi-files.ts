import { stringify } from "yaml";
import type { OmoiSnapshot } from "@/lib/omoi-files/omoi-file-schemas";
import type { OmoiItemKind } from "@/lib/omoi-files/parse-omoi-file";
import { CRITERIA_HEADING, renderCriteria } from "@/lib/omoi-files/parse-markdown-body";

export interface RenderedFile {
  kind: OmoiItemKind;
  id: string;
  /** Where pull writes it inside `.omoi_os/` when no local file holds this id yet. */
  relPath: string;
  text: string;
}

/** The server's snapshot as `.omoi_os/` files: what `omoi sync pull` writes and `omoi validate` reads back. */
export function renderOmoiFiles(snapshot: OmoiSnapshot): RenderedFile[] {
  const files: RenderedFile[] = [];
  const { spec } = snapshot;
  if (spec) {
    files.push({ kind: "spec", id: spec.key, relPath: "spec.md", text: file({ key: spec.key, id: spec.id, title: spec.title }, spec.description) });
  }
  for (const r of snapshot.requirements) {
    const frontmatter = { id: r.id, title: r.title, earsType: r.earsType, condition: r.condition || undefined, action: r.action, priority: r.priority };
    files.push({ kind: "requirement", id: r.id, relPath: `requirements/${r.id}.md`, text: file(frontmatter, withCriteria(r.text, r.acceptanceCriteria, r.criteriaMet)) });
  }
  if (snapshot.design) {
    const { architecture, ...rest } = snapshot.design;
    const key = spec?.key ?? "design";
    files.push({ kind: "design", id: key, relPath: `designs/${key}.md`, text: file(rest, architecture) });
  }
  for (const t of snapshot.tasks) {
    const frontmatter = {
      id: t.id,
      title: t.title,
      status: t.status,
      priority: t.priority,
      estimateHours: t.estimateHours,
      requirementRefs: t.requirementRefs,
      dependsOn: t.dependsOn,
      files: t.files,
    };
    files.push({ kind: "task", id: t.id, relPath: `tasks/${t.id}.md`, text: file(frontmatter, withCriteria(t.description, t.acceptanceCriteria)) });
  }
  for (const t of snapshot.tickets) {
    const frontmatter = {
      id: t.id,
      key: t.key,
      title: t.title,
      status: t.status,
      priority: t.priority,
      task: t.task,
      dependsOn: t.dependsOn,
      owner: t.ownerUser.email,
      assignee: t.assigneeUser?.email,
    };
    files.push({ kind: "ticket", id: t.id, relPath: `tickets/${t.id}.md`, text: file(frontmatter, t.description) });
  }
  return files;
}

function withCriteria(text: string, criteria: readonly string[], met?: readonly boolean[]): string {
  return `${text.trim()}\n\n${CRITERIA_HEADING}\n\n${renderCriteria(criteria, met)}`;
}

/** YAML frontmatter (fields in the given order, absent ones left out) and a markdown body. */
export function file(frontmatter: Record<string, unknown>, body: string): string {
  const present = Object.fromEntries(Object.entries(frontmatter).filter(([, value]) => value !== undefined && value !== null));
  return `---\n${stringify(present, { lineWidth: 0 })}---\n\n${body.trim()}\n`;
}
