import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import { DatabaseUnavailableError } from "../db/errors";

/** The error codes this API sends in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  /** No key was sent (or it is unknown or revoked) for something that needs one. */
  UNAUTHENTICATED: "UNAUTHENTICATED",
  /** The key's role is too low for the operation. */
  FORBIDDEN: "FORBIDDEN",
  /** The query costs more than any single query may (src/graphql/cost.ts). */
  QUERY_TOO_COSTLY: "QUERY_TOO_COSTLY",
  /** The caller's budget has too few points left for the query; retry after the reset. */
  RATE_LIMITED: "RATE_LIMITED",
  /** The record the operation names does not exist (or is not visible to the caller). */
  NOT_FOUND: "NOT_FOUND",
  /** The edit names a version that is no longer current, or would duplicate a record: read again, then retry. */
  CONFLICT: "CONFLICT",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

/** The code an error is answered with: its own, SERVICE_UNAVAILABLE for a database outage, else INTERNAL_SERVER_ERROR. */
export function errorCode(error: unknown): string {
  if (unwrapResolverError(error) instanceof DatabaseUnavailableError) return ErrorCode.SERVICE_UNAVAILABLE;
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  return typeof code === "string" ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * A client error: what was wrong and how to fix it, with the argument it is
 * about, so a client can show it next to the right input.
 */
export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) },
  });
}
