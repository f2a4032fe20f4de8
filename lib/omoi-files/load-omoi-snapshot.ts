import type { Prisma } from "@/lib/db/client";
import type { Spec } from "@/lib/generated/prisma/client";
import type { DesignFile, OmoiSnapshot } from "@/lib/omoi-files/omoi-file-schemas";
import { splitTaskFiles } from "@/lib/omoi-files/task-files-line";

export interface LoadOmoiSnapshotOptions {
  project: { id: string; name: string };
  /** The spec the files describe; null → the project's tickets that came from files and belong to no spec. */
  spec: Spec | null;
  /** The files name a spec the server does not have yet: nothing is there (not the spec-less tickets). */
  newSpec?: boolean;
}

/**
 * What the server holds for one `.omoi_os/` folder, in the files' shape: the spec's requirements, design, tasks
 * and tickets. The push plans against it (inside its transaction) and pull renders it, so both read the same.
 */
export async function loadOmoiSnapshot(tx: Prisma.TransactionClient, { project, spec, newSpec }: LoadOmoiSnapshotOptions): Promise<OmoiSnapshot> {
  if (!spec && newSpec) return { project, spec: null, requirements: [], design: null, tasks: [], tickets: [] };
  const specId = spec?.id ?? null;
  // One after the other: inside a push these run on the transaction's single connection.
  const requirements = specId
    ? await tx.specRequirement.findMany({ where: { specId }, orderBy: [{ position: "asc" }, { localId: "asc" }], include: { criteria: { orderBy: { position: "asc" } } } })
    : [];
  const design = specId ? await tx.specDesign.findUnique({ where: { specId } }) : null;
  const tasks = specId
    ? await tx.specTask.findMany({ where: { specId }, orderBy: [{ position: "asc" }, { localId: "asc" }], include: { dependsOn: { select: { dependsOn: { select: { localId: true } } } } } })
    : [];
  // Relations loaded one query at a time: Prisma runs several includes of one query in parallel, which a
  // transaction's single connection only queues (and pg warns about).
  const ticketRows = await tx.ticket.findMany({
    where: specId ? { specId } : { projectId: project.id, specId: null, localId: { not: null } },
    orderBy: { number: "asc" },
  });
  const ticketIds = ticketRows.map((t) => t.id);
  const dependencies = ticketIds.length
    ? await tx.ticketDependency.findMany({ where: { ticketId: { in: ticketIds } }, select: { ticketId: true, dependsOn: { select: { localId: true, key: true } } } })
    : [];
  const userIds = [...new Set(ticketRows.flatMap((t) => (t.assigneeId ? [t.userId, t.assigneeId] : [t.userId])))];
  const users = new Map((userIds.length ? await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : []).map((u) => [u.id, u]));
  const taskLocalId = new Map(tasks.map((t) => [t.id, t.localId]));
  const tickets = ticketRows.map((t) => ({
    ...t,
    specTask: t.specTaskId && taskLocalId.has(t.specTaskId) ? { localId: taskLocalId.get(t.specTaskId)! } : null,
    user: users.get(t.userId)!,
    assignee: t.assigneeId ? users.get(t.assigneeId)! : null,
    dependsOn: dependencies.filter((d) => d.ticketId === t.id),
  }));
  return {
    project,
    spec: spec && {
      id: spec.id,
      key: spec.sourceKey ?? specKeyFromTitle(spec.title),
      title: spec.title,
      description: spec.description,
      generationStatus: spec.generationStatus,
      currentPhase: spec.currentPhase,
    },
    requirements: requirements.map((r) => ({
      id: r.localId,
      title: r.title,
      earsType: r.earsType,
      condition: r.condition ?? "",
      action: r.action,
      text: r.text,
      priority: r.priority,
      acceptanceCriteria: r.criteria.map((c) => c.text),
      criteriaMet: r.criteria.map((c) => c.met),
    })),
    design: design && {
      architecture: design.architecture,
      components: design.components as DesignFile["components"],
      dataModels: design.dataModels as DesignFile["dataModels"],
      apiEndpoints: design.apiEndpoints as DesignFile["apiEndpoints"],
      errorHandling: lines(design.errorHandling),
      testingStrategy: design.testingStrategy || undefined,
      securityNotes: lines(design.securityNotes),
    },
    tasks: tasks.map((t) => ({
      id: t.localId,
      title: t.title,
      ...splitTaskFiles(t.description),
      priority: t.priority,
      estimateHours: t.estimateHours ?? 0,
      dependsOn: t.dependsOn.map((d) => d.dependsOn.localId),
      requirementRefs: t.requirementRefs,
      acceptanceCriteria: Array.isArray(t.acceptanceCriteria) ? (t.acceptanceCriteria as string[]) : [],
      status: t.status,
    })),
    tickets: tickets.map((t) => ({
      id: t.localId ?? t.key,
      localId: t.localId,
      key: t.key,
      title: t.title,
      description: t.description,
      priority: t.priority,
      status: t.status,
      task: t.specTask?.localId,
      dependsOn: t.dependsOn.map((d) => d.dependsOn.localId ?? d.dependsOn.key),
      ownerUser: t.user,
      assigneeUser: t.assignee,
    })),
  };
}

/** Design lists are stored one item per line. */
const lines = (text: string | null) => (text ?? "").split("\n").map((line) => line.trim()).filter(Boolean);

/** A key for a spec that never came from files (pull writes it into spec.md; the next push adopts it). */
export function specKeyFromTitle(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "") || "spec";
}
