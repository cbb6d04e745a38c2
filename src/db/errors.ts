/**
 * Telling "the database is not there" apart from every other failure: the
 * first is the server's condition, not the request's fault, and clients should
 * retry it (SERVICE_UNAVAILABLE, HTTP 503); anything else is a bug.
 */

/** SQLSTATE classes and codes that mean the server is unreachable, shutting down or not yet up. */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-4]|53300)$/;
/** Node socket errors on the way to PostgreSQL. */
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** What pg says when a connection drops or the pool cannot get one in time. */
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (shutting down|starting up|in recovery mode)/i;

/** Thrown by the SQL client when PostgreSQL cannot be reached; the API answers it with SERVICE_UNAVAILABLE. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super("The database is unavailable; try again shortly.", { cause });
    this.name = "DatabaseUnavailableError";
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === "string" && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
  if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
  return UNAVAILABLE_MESSAGES.test(error.message);
}
