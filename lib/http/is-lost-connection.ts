/** PostgreSQL's "connection is gone" codes (admin shutdown, crash shutdown, cannot connect now, class 08). */
const LOST_SQLSTATE = /^(57P0[123]|08\w{3})$/;
/** Node's socket errors, and Prisma's "can't reach / timed out / closed the connection". */
const LOST_CODE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "P1001", "P1002", "P1017"]);
const LOST_MESSAGE =
  /Connection terminated|terminating connection|Client has encountered a connection error|the database system is (shutting down|starting up)|Can't reach database server/i;

/** Whether an error (or one of its causes) says the database went away, as opposed to refusing a query. */
export function isLostConnection(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = String((current as { code?: unknown }).code ?? "");
    if (LOST_SQLSTATE.test(code) || LOST_CODE.has(code) || LOST_MESSAGE.test(current.message)) return true;
  }
  return false;
}
