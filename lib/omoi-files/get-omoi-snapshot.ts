import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { loadOmoiSnapshot } from "@/lib/omoi-files/load-omoi-snapshot";
import type { OmoiSnapshot } from "@/lib/omoi-files/omoi-file-schemas";
import { getProjectForMemberOrThrow } from "@/lib/projects/get-project-for-member-or-throw";

export interface GetOmoiSnapshotOptions {
  userId: string;
  projectId: string;
  /** The spec by id or by its files' key; neither → the project's file tickets that belong to no spec. */
  specId?: string;
  specKey?: string;
}

/** `omoi sync pull` and `omoi sync diff`: the server's side of a `.omoi_os/` folder (404 for non-members). */
export async function getOmoiSnapshot({ userId, projectId, specId, specKey }: GetOmoiSnapshotOptions): Promise<OmoiSnapshot> {
  const project = await getProjectForMemberOrThrow({ userId, projectId });
  let spec = null;
  if (specId || specKey) {
    spec = await db.spec.findFirst({ where: { projectId, ...(specId ? { id: specId } : { sourceKey: specKey }) } });
    // A key nobody pushed yet is an empty snapshot (the spec would be created), not an error.
    if (!spec && specId) throw new AppError("not_found", "Spec not found in this project");
  }
  return loadOmoiSnapshot(db, { project: { id: project.id, name: project.name }, spec, newSpec: Boolean(specKey) });
}
