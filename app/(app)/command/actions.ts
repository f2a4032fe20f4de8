"use server";

import { getServerSession } from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { AppError } from "@/lib/http/errors";
import { runAction } from "@/lib/http/run-action";
import { launchSpec } from "@/lib/specs/launch-spec";
import { launchSpecSchema } from "@/lib/specs/spec-schemas";

// Server action behind the command page: the same service and errors as POST /api/v1/specs/launch.
export async function launchSpecAction(input: unknown) {
  return runAction("launch-spec", async () => {
    const session = await getServerSession(getAuthOptions());
    const userId = (session?.user as { id?: string } | undefined)?.id;
    if (!userId) throw new AppError("unauthorized", "Sign in to launch a spec");
    const { specId, status, currentPhase, sandboxId } = await launchSpec({ userId, input: launchSpecSchema.parse(input) });
    return { specId, status, currentPhase, sandboxId };
  });
}
