import { getSpecDetail, type SpecDetail } from "@/lib/specs/get-spec-detail";

/** The spec as one document: markdown for people, JSON for tools. */
export async function exportSpec({ userId, specId, format }: { userId: string; specId: string; format: "markdown" | "json" }) {
  const detail = await getSpecDetail({ userId, specId });
  if (format === "json") {
    const { spec, requirements, design, tasks, syncPlan } = detail;
    return { contentType: "application/json", body: JSON.stringify({ spec, requirements, design, tasks, syncPlan }, null, 2), filename: `${slug(spec.title)}.json` };
  }
  return { contentType: "text/markdown; charset=utf-8", body: toMarkdown(detail), filename: `${slug(detail.spec.title)}.md` };
}

function toMarkdown({ spec, requirements, design, tasks }: SpecDetail): string {
  const lines = [`# ${spec.title}`, "", spec.description, ""];
  if (requirements.length) {
    lines.push("## Requirements", "");
    for (const r of requirements) {
      lines.push(`### ${r.localId} — ${r.title} (${r.priority})`, "", r.text, "", "Acceptance criteria:");
      for (const c of r.criteria) lines.push(`- [${c.met ? "x" : " "}] ${c.text}`);
      lines.push("");
    }
  }
  if (design) {
    lines.push("## Design", "", design.architecture, "");
    const components = design.components as { name: string; responsibility: string; interfaces: string[] }[];
    if (components.length) {
      lines.push("### Components", "");
      for (const c of components) lines.push(`- **${c.name}** — ${c.responsibility}${c.interfaces.length ? ` (\`${c.interfaces.join("`, `")}\`)` : ""}`);
      lines.push("");
    }
    const endpoints = design.apiEndpoints as { method: string; path: string; description: string }[];
    if (endpoints.length) {
      lines.push("### API", "");
      for (const e of endpoints) lines.push(`- \`${e.method} ${e.path}\` — ${e.description}`);
      lines.push("");
    }
    if (design.testingStrategy) lines.push("### Testing", "", design.testingStrategy, "");
  }
  if (tasks.length) {
    lines.push("## Tasks", "");
    for (const t of tasks) {
      const deps = t.dependsOn.length ? `; after ${t.dependsOn.join(", ")}` : "";
      lines.push(`### ${t.localId} — ${t.title}`, "", `${t.priority}, ${t.estimateHours ?? "?"} h, implements ${t.requirementRefs.join(", ")}${deps}`, "", t.description, "");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "spec";
