import type { Prisma } from "@/lib/db/client";
import type { DesignOutput } from "@/lib/specs/phases/design-output";
import type { RequirementsOutput } from "@/lib/specs/phases/requirements-output";
import type { TasksOutput } from "@/lib/specs/phases/tasks-output";
import { analyzeTaskGraph } from "@/lib/specs/task-graph";

/**
 * Turns a passed phase output into rows, inside the checkpoint's transaction, so the spec page fills in as the
 * phases pass. Replacing is idempotent: storing the same checkpoint twice leaves the same rows.
 */
export async function materializeRequirements(tx: Prisma.TransactionClient, specId: string, output: RequirementsOutput) {
  await tx.specRequirement.deleteMany({ where: { specId } });
  for (const [position, r] of output.requirements.entries()) {
    await tx.specRequirement.create({
      data: {
        specId,
        localId: r.id,
        title: r.title,
        earsType: r.earsType,
        condition: r.condition || null,
        action: r.action,
        text: r.text,
        priority: r.priority,
        position,
        criteria: { create: r.acceptanceCriteria.map((text, i) => ({ text, position: i })) },
      },
    });
  }
}

export async function materializeDesign(tx: Prisma.TransactionClient, specId: string, output: DesignOutput) {
  const data = {
    architecture: output.architecture,
    components: output.components,
    dataModels: output.dataModels,
    apiEndpoints: output.apiEndpoints,
    errorHandling: output.errorHandling.join("\n"),
    testingStrategy: output.testingStrategy,
    securityNotes: output.securityNotes.join("\n"),
  };
  await tx.specDesign.upsert({ where: { specId }, create: { specId, ...data }, update: data });
}

/** SpecTasks with real dependency rows (resolved from TSK ids to row ids) and their computed waves. */
export async function materializeTasks(tx: Prisma.TransactionClient, specId: string, output: TasksOutput) {
  await tx.specTask.deleteMany({ where: { specId } });
  const graph = analyzeTaskGraph(output.tasks);
  const waveOf = new Map(graph.waves.flatMap((ids, wave) => ids.map((id) => [id, wave] as const)));
  const rowId = new Map<string, string>();
  for (const [position, t] of output.tasks.entries()) {
    const files = t.files.filter((file) => !t.description.includes(file));
    const row = await tx.specTask.create({
      data: {
        specId,
        localId: t.id,
        title: t.title,
        description: files.length ? `${t.description}\n\nFiles: ${files.join(", ")}` : t.description,
        priority: t.priority,
        estimateHours: t.estimateHours,
        requirementRefs: t.requirementRefs,
        acceptanceCriteria: t.acceptanceCriteria,
        wave: waveOf.get(t.id) ?? null,
        position,
      },
      select: { id: true },
    });
    rowId.set(t.id, row.id);
  }
  const edges = output.tasks.flatMap((t) => [...new Set(t.dependsOn)].map((dep) => ({ taskId: rowId.get(t.id)!, dependsOnId: rowId.get(dep)! })));
  if (edges.length) await tx.specTaskDependency.createMany({ data: edges });
}
