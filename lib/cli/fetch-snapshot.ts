import { z } from "zod";
import type { CliContext } from "@/lib/cli/cli-context";
import { callApi } from "@/lib/cli/cli-api";
import { explainNotFound } from "@/lib/cli/cli-output";
import type { Credentials } from "@/lib/cli/credentials";
import { omoiSnapshotSchema, type OmoiSnapshot } from "@/lib/omoi-files/omoi-file-schemas";

/** GET …/omoi-sync: the server's side of a folder — by spec id when the files know it, else by spec key. */
export async function fetchSnapshot(
  ctx: CliContext,
  credentials: Credentials,
  projectId: string,
  spec: { specId?: string; specKey?: string },
): Promise<OmoiSnapshot> {
  const query = new URLSearchParams(spec.specId ? { specId: spec.specId } : spec.specKey ? { specKey: spec.specKey } : {});
  try {
    const { snapshot } = await callApi(ctx, credentials, {
      path: `/api/v1/projects/${encodeURIComponent(projectId)}/omoi-sync${query.size ? `?${query}` : ""}`,
      schema: z.object({ snapshot: omoiSnapshotSchema }),
    });
    return snapshot;
  } catch (error) {
    return explainNotFound(error, projectId);
  }
}
