import { db } from "@/lib/db/client";
import { createSpec } from "@/lib/specs/create-spec";
import { launchSpecAliasSchema, type CreateSpecInput, type LaunchedSpecDto, type LaunchSpecInput } from "@/lib/specs/spec-schemas";

/**
 * The one way a spec comes to be. POST /api/v1/specs calls it, and so do its deprecated aliases (POST
 * /api/v1/specs/launch, POST /api/v1/tickets with `workflowMode: "spec_driven"`), so they cannot drift apart again:
 * the spec is created with its sandbox's job queued in the same transaction (createSpec), then the answer names the
 * sandbox if a worker already started one.
 */
export async function createAndLaunchSpec({ userId, input }: { userId: string; input: CreateSpecInput }): Promise<LaunchedSpecDto> {
  const spec = await createSpec({ userId, input });
  const sandbox = await db.sandbox.findFirst({ where: { specId: spec.id, status: { in: ["creating", "running"] } }, select: { id: true } });
  return { spec, specId: spec.id, status: spec.generationStatus, currentPhase: spec.currentPhase, sandboxId: sandbox?.id ?? null };
}

/**
 * The body of POST /api/v1/specs/launch (`prompt`, autoExecute on by default) for in-process callers that still use
 * it: mapped by the alias's own schema, then the one service. New code calls createAndLaunchSpec.
 * @deprecated Use createAndLaunchSpec.
 */
export async function launchSpec({ userId, input }: { userId: string; input: LaunchSpecInput }): Promise<LaunchedSpecDto> {
  return createAndLaunchSpec({ userId, input: launchSpecAliasSchema.parse(input) });
}

/**
 * What the deprecated ways to create a spec answer with besides the body (RFC 9745's Deprecation, RFC 8288's
 * successor link), so clients and proxies can see they should move to POST /api/v1/specs.
 */
export const SPEC_ALIAS_DEPRECATION_HEADERS: Readonly<Record<string, string>> = {
  deprecation: "true",
  link: '</api/v1/specs>; rel="successor-version"',
};
