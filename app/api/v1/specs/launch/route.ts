import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/routes/with-auth";
import { createAndLaunchSpec, SPEC_ALIAS_DEPRECATION_HEADERS } from "@/lib/specs/launch-spec";
import { launchSpecAliasSchema } from "@/lib/specs/spec-schemas";

// POST /api/v1/specs/launch – DEPRECATED alias of POST /api/v1/specs, kept so existing clients keep working: its body
// `{projectId, prompt, approvalMode?, autoExecute=true}` is read as the create input and goes to the same service;
// the answer is POST /specs's (a superset of what this route answered) with Deprecation and successor Link headers.
export const POST = withAuth(async (req, { caller }) => {
  const input = await parseJsonBody(req, launchSpecAliasSchema);
  return json(await createAndLaunchSpec({ userId: caller.user.id, input }), 201, SPEC_ALIAS_DEPRECATION_HEADERS);
});
