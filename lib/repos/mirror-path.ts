import path from "node:path";
import { getEnv } from "@/lib/env";

/** The folder of every project's mirror: server state, outside every sandbox (SANDBOX_ROOT is elsewhere). */
export const mirrorsRoot = () => path.resolve(getEnv().OMOIOS_DATA_DIR, "mirrors");

/** `<OMOIOS_DATA_DIR>/mirrors/<projectId>.git`: the bare repository in which the server handles a project's branches. */
export function mirrorPath(projectId: string): string {
  // Ids are cuids; anything else would be a path of its own choosing.
  if (!/^[A-Za-z0-9_-]+$/.test(projectId)) throw new Error(`invalid project id for a mirror: ${JSON.stringify(projectId)}`);
  return path.join(mirrorsRoot(), `${projectId}.git`);
}
