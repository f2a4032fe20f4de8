import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/respond";
import { withAuth } from "@/lib/http/with-auth";
import { launchSpec } from "@/lib/specs/launch-spec";
import { launchSpecSchema } from "@/lib/specs/spec-schemas";

// POST /api/v1/specs/launch – an idea in, a running spec out (title derived from the prompt).
export const POST = withAuth(async (req, { caller }) => {
  const input = await parseJsonBody(req, launchSpecSchema);
  const { spec: _spec, ...launched } = await launchSpec({ userId: caller.user.id, input });
  return json(launched, 201);
});
