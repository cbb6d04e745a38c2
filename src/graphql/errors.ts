import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import { DatabaseUnavailableError } from "../db/errors";

/** The error codes this API sends in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
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
