import { isLostConnection } from "@/lib/http/is-lost-connection";
import { log } from "@/lib/log";

let installed = false;

/**
 * graphile-worker leaves a few promises unhandled when the database goes away mid-batch (its runner then stops and
 * start-worker starts a new one). Node would end the whole process for them — the web server and every local agent
 * with it — over a database restart. Those rejections are logged and dropped; any other one still ends the process.
 */
export function guardLostConnections() {
  if (installed) return;
  installed = true;
  process.on("unhandledRejection", (reason) => {
    if (isLostConnection(reason)) {
      log.warn("a database connection was lost (unhandled in a library); carrying on", { error: (reason as Error).message });
      return;
    }
    throw reason;
  });
}
