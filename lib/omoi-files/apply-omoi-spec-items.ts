import type { Prisma } from "@/lib/db/client";
import type { Spec } from "@/lib/generated/prisma/client";
import type { OmoiLocalItems } from "@/lib/omoi-files/plan-omoi-push";
import type { OmoiPlan, SpecFile } from "@/lib/omoi-files/omoi-file-schemas";
import { joinTaskFiles } from "@/lib/omoi-files/task-files-line";
import { completeDraft } from "@/lib/specs/spec-state";
import { analyzeTaskGraph } from "@/lib/specs/task-graph";

type Tx = Prisma.TransactionClient;
type ActionOf = (kind: OmoiPlan["items"][number]["kind"], id: string) => OmoiPlan["items"][number] | undefined;

export const planLookup = (plan: OmoiPlan): ActionOf => {
  const byKey = new Map(plan.items.map((item) => [`${item.kind}:${item.id}`, item]));
  return (kind, id) => byKey.get(`${kind}:${id}`);
};

export interface ApplySpecOptions {
  userId: string;
  project: { id: string; approvalMode: "auto" | "manual"; reviewMode: "auto" | "manual"; autoExecuteTickets: boolean; budgetUsd: number | null };
  existing: Spec | null;
  file: SpecFile;
}

/** Creates the spec of spec.md (owned by the pusher, a draft until its plan is complete) or updates its text. */
export async function applySpec(tx: Tx, { userId, project, existing, file }: ApplySpecOptions): Promise<Spec> {
  if (!existing) {
    return tx.spec.create({
      data: {
        projectId: project.id,
        userId,
        sourceKey: file.key,
        title: file.title,
        description: file.description,
        approvalMode: project.approvalMode,
        reviewMode: project.reviewMode,
        autoExecute: project.autoExecuteTickets,
        budgetUsd: project.budgetUsd,
      },
    });
  }
  return tx.spec.update({ where: { id: existing.id }, data: { sourceKey: file.key, title: file.title, description: file.description } });
}

/**
 * Requirements, design and tasks of the files, created or updated by local id (never deleted: what only the server
 * has stays). Criteria keep their met/evidence when their text stays; task dependencies become real rows and the
 * waves are recomputed from the whole graph.
 */
export async function applySpecItems(tx: Tx, { spec, local, plan }: { spec: Spec; local: OmoiLocalItems; plan: OmoiPlan }) {
  const actionOf = planLookup(plan);
  const specId = spec.id;

  let position = ((await tx.specRequirement.aggregate({ where: { specId }, _max: { position: true } }))._max.position ?? -1) + 1;
  for (const r of local.requirements) {
    const planned = actionOf("requirement", r.id);
    if (!planned || planned.action === "unchanged") continue;
    const data = { title: r.title, earsType: r.earsType, condition: r.condition || null, action: r.action, text: r.text, priority: r.priority };
    const criteria = r.acceptanceCriteria.map((text, i) => ({ text, position: i }));
    if (planned.action === "create") {
      await tx.specRequirement.create({ data: { specId, localId: r.id, position: position++, ...data, criteria: { create: criteria } } });
      continue;
    }
    const row = await tx.specRequirement.update({ where: { specId_localId: { specId, localId: r.id } }, data, include: { criteria: true } });
    if (planned.changes.includes("acceptanceCriteria")) {
      const kept = new Map(row.criteria.map((c) => [c.text.trim(), c]));
      await tx.specAcceptanceCriterion.deleteMany({ where: { requirementId: row.id } });
      await tx.specAcceptanceCriterion.createMany({
        data: criteria.map((c) => ({ ...c, requirementId: row.id, met: kept.get(c.text.trim())?.met ?? false, evidence: kept.get(c.text.trim())?.evidence ?? null })),
      });
    }
  }

  if (local.design && actionOf("design", local.spec?.key ?? "design")?.action !== "unchanged") {
    const d = local.design;
    const data = {
      architecture: d.architecture,
      components: d.components,
      dataModels: d.dataModels,
      apiEndpoints: d.apiEndpoints,
      errorHandling: d.errorHandling.join("\n"),
      testingStrategy: d.testingStrategy ?? null,
      securityNotes: d.securityNotes.join("\n"),
    };
    await tx.specDesign.upsert({ where: { specId }, create: { specId, ...data }, update: data });
  }

  const touched = local.tasks.filter((t) => actionOf("task", t.id)?.action !== "unchanged");
  if (touched.length === 0) return;
  position = ((await tx.specTask.aggregate({ where: { specId }, _max: { position: true } }))._max.position ?? -1) + 1;
  for (const t of touched) {
    const data = {
      title: t.title,
      description: joinTaskFiles(t.description, t.files),
      priority: t.priority,
      estimateHours: t.estimateHours,
      requirementRefs: t.requirementRefs,
      acceptanceCriteria: t.acceptanceCriteria,
    };
    if (actionOf("task", t.id)?.action === "create") await tx.specTask.create({ data: { specId, localId: t.id, position: position++, ...data } });
    else await tx.specTask.update({ where: { specId_localId: { specId, localId: t.id } }, data });
  }
  const rows = await tx.specTask.findMany({ where: { specId }, select: { id: true, localId: true, estimateHours: true, dependsOn: { select: { dependsOn: { select: { localId: true } } } } } });
  const rowId = new Map(rows.map((row) => [row.localId, row.id]));
  const touchedIds = touched.map((t) => rowId.get(t.id)!);
  await tx.specTaskDependency.deleteMany({ where: { taskId: { in: touchedIds } } });
  const edges = touched.flatMap((t) => [...new Set(t.dependsOn)].map((dep) => ({ taskId: rowId.get(t.id)!, dependsOnId: rowId.get(dep)! })));
  if (edges.length) await tx.specTaskDependency.createMany({ data: edges });

  // Waves as SYNC computes them, over the whole plan (the files' edges replace the stored ones of their tasks).
  const pushedDeps = new Map(touched.map((t) => [t.id, t.dependsOn]));
  const graph = analyzeTaskGraph(
    rows.map((row) => ({ id: row.localId, dependsOn: pushedDeps.get(row.localId) ?? row.dependsOn.map((d) => d.dependsOn.localId), estimateHours: row.estimateHours ?? 0 })),
  );
  for (const [wave, ids] of graph.waves.entries()) {
    await tx.specTask.updateMany({ where: { specId, localId: { in: ids } }, data: { wave } });
  }
}

/** A spec made from files is a draft until it has requirements, a design and tasks; then its plan is complete. */
export async function completeDraftSpec(tx: Tx, spec: Spec) {
  if (spec.generationStatus !== "draft") return;
  const requirements = await tx.specRequirement.count({ where: { specId: spec.id } });
  const design = await tx.specDesign.count({ where: { specId: spec.id } });
  const tasks = await tx.specTask.count({ where: { specId: spec.id } });
  if (requirements && design && tasks) {
    await completeDraft(tx, spec.id);
  }
}
