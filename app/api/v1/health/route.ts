import { json } from "@/lib/http/respond";
import { withPublic } from "@/lib/routes/with-auth";
import { checkDatabase } from "@/lib/db/check-database";

// GET /api/v1/health – liveness and database reachability (no data, no auth).
export const GET = withPublic(async () => {
  const database = await checkDatabase();
  return json({ status: database.ok ? "ok" : "degraded", database }, database.ok ? 200 : 503);
});
