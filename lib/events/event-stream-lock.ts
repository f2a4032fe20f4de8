/**
 * Events of one stream (a spec, or a task without a spec, or a bare sandbox) are written one transaction at a
 * time under this advisory lock, so `seq` order equals commit order inside a stream. Without it a poller that has
 * seen seq 102 could later miss seq 101, committed a moment after 102 by a concurrent request. Different streams
 * never wait for each other.
 */
export function eventStreamKey(scope: { specId?: string | null; taskId?: string | null; sandboxId?: string | null }): string {
  if (scope.specId) return `omoi-events:spec:${scope.specId}`;
  if (scope.taskId) return `omoi-events:task:${scope.taskId}`;
  return `omoi-events:sandbox:${scope.sandboxId ?? "none"}`;
}

/** SQL fragment taking the stream's lock for the rest of the transaction; `$n` is the key parameter. */
export const lockEventStreamSql = (param: string) => `pg_advisory_xact_lock(hashtextextended(${param}, 0))`;
