/**
 * The error policy: the codes this API answers with, how a client error is
 * made, and the one rule for everything else — an error that is not one of
 * ours is logged with its request id and answered INTERNAL_SERVER_ERROR with
 * a generic message and that id, so no database or library text reaches a
 * client and an operator can still find the cause.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { DatabaseUnavailableError } from "../db/errors";
import { logger } from "../observability/logger";
import type { Context } from "./context";

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

/**
 * Every code a client may see with the message as it was raised: ours, and
 * Apollo Server's own (parse and validation failures, persisted-query
 * outcomes, bad requests), whose messages are written for clients.
 */
const KNOWN_CODES: ReadonlySet<string> = new Set<string>([...Object.values(ErrorCode), ...Object.values(ApolloServerErrorCode)].filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

/**
 * The code an error is answered with: SERVICE_UNAVAILABLE for a database
 * outage, Apollo's code for a persisted-query refusal, its own when it is one
 * clients may see, else INTERNAL_SERVER_ERROR.
 */
export function errorCode(error: unknown): string {
  if (unwrapResolverError(error) instanceof DatabaseUnavailableError) return ErrorCode.SERVICE_UNAVAILABLE;
  const persistedQueryRefusal = persistedQueryRefusalOf(error);
  if (persistedQueryRefusal) return persistedQueryRefusal.code;
  const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
  return typeof code === "string" && KNOWN_CODES.has(code) ? code : ErrorCode.INTERNAL_SERVER_ERROR;
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

/**
 * Validation errors that are about a value the client sent (an unknown enum
 * value, a string where an Int belongs, a missing required argument) are bad
 * input, like the errors resolvers raise: clients should see one code for
 * "fix your arguments", not two.
 */
const BAD_VALUE = /cannot represent|does not exist in "[^"]+" enum|^Expected value of type|^Field "[^"]+" argument "[^"]+" of type "[^"]+" is required|^Field "[^"]+" of required type "[^"]+" was not provided|^Field "[^"]+" is not defined by type "[^"]+"|^Variable "\$[^"]+" got invalid value/;

/**
 * Apollo Server raises these persisted-query refusals as plain errors (no
 * code, hence INTERNAL_SERVER_ERROR); they are the client's mistake. Following
 * Apollo's conventions: a version other than 1 is PERSISTED_QUERY_NOT_SUPPORTED
 * (an APQ client then sends the full query), a hash that is not the query's is
 * BAD_REQUEST. Both are HTTP 400, set by Apollo on the error.
 */
const PERSISTED_QUERY_REFUSALS: ReadonlyMap<string, { code: string; message: string }> = new Map([
  [
    "Unsupported persisted query version",
    { code: ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED, message: "Unsupported persisted query version: this server supports automatic persisted queries version 1 only." },
  ],
  [
    "provided sha does not match query",
    { code: ApolloServerErrorCode.BAD_REQUEST, message: "The persisted query's sha256Hash is not the SHA-256 of the query sent with it." },
  ],
]);

/** The request ids of the errors of a request that are not ours, recorded (and logged) by internalErrorPlugin. */
const requestIds = new WeakMap<object, string>();

/**
 * The error at the bottom of a chain of wrappers (`originalError`): what
 * requestIds is keyed by. Apollo may wrap an executor's error anew between
 * didEncounterErrors and formatError (compiled execution's errors are not
 * graphql-js's own objects), but the thrown error inside stays the same object.
 */
function rootError(error: unknown): object | undefined {
  let current = error;
  while (typeof current === "object" && current !== null && "originalError" in current && current.originalError) current = current.originalError;
  return typeof current === "object" && current !== null ? current : undefined;
}

/** The answer to every error that is not one of ours: no text but the request id an operator can search the log for. */
function internalError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const root = rootError(error);
  const requestId = root ? requestIds.get(root) : undefined;
  return {
    message: `Internal server error${requestId ? ` (request ${requestId})` : ""}; the cause has been logged.`,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}

/** Apollo's formatError: this API's codes and messages, and nothing of an error that is not one of ours. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const answered = errorCode(error);
  if (answered === ErrorCode.SERVICE_UNAVAILABLE) {
    return { message: "The database is unavailable; try again shortly.", path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
  }
  if (answered === ErrorCode.INTERNAL_SERVER_ERROR) return internalError(formatted, error);
  const persistedQueryRefusal = persistedQueryRefusalOf(error);
  if (persistedQueryRefusal) return { message: persistedQueryRefusal.message, extensions: { code: persistedQueryRefusal.code } };
  const code = formatted.extensions?.code;
  if (code === ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED && isBadUserInput(error)) {
    // A validation rule of ours refused a value (src/graphql/string-input.ts): bad input, like a resolver's refusal.
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  if ((code === ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED || code === ErrorCode.BAD_USER_INPUT) && BAD_VALUE.test(formatted.message)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  return formatted;
}

function persistedQueryRefusalOf(error: unknown): { code: string; message: string } | undefined {
  return error instanceof GraphQLError && error.extensions?.code === undefined && !error.path ? PERSISTED_QUERY_REFUSALS.get(error.message) : undefined;
}

/** Whether a validation error was raised by a rule as BAD_USER_INPUT (Apollo re-codes validation errors, keeping the original). */
function isBadUserInput(error: unknown): boolean {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  return original instanceof GraphQLError && original.extensions?.code === ErrorCode.BAD_USER_INPUT;
}

/**
 * Logs every error of a request that formatError will not show, with the
 * request's id and the full error, and remembers the id for formatError (which
 * Apollo calls without the request). Apollo passes the same error objects to
 * didEncounterErrors and then to formatError.
 */
export function internalErrorPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (errorCode(error) !== ErrorCode.INTERNAL_SERVER_ERROR) continue;
            const requestId = contextValue.request?.id;
            const root = rootError(error);
            if (requestId && root) requestIds.set(root, requestId);
            logger.error({ err: unwrapResolverError(error), requestId, path: error.path }, "internal error");
          }
        },
      };
    },
  };
}
