import type { DaytonaClient } from "@/lib/sandbox/daytona/daytona-client";
import { isNotFound } from "@/lib/sandbox/daytona/daytona-errors";
import type { SandboxRef } from "@/lib/sandbox/sandbox-provider";

/** Deletes the remote sandbox; one already deleted (or being deleted, or unknown) counts as done. */
export async function destroyDaytonaSandbox(client: DaytonaClient, ref: SandboxRef): Promise<void> {
  try {
    const sandbox = await client.find(ref.externalId);
    if (!sandbox || sandbox.state === "destroyed" || sandbox.state === "destroying") return;
    await sandbox.delete();
  } catch (err) {
    if (isNotFound(err)) return;
    throw client.wrap("destroy", err);
  }
}
