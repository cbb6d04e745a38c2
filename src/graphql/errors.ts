import { GraphQLError } from "graphql";

/** The error codes this API sends in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
} as const;

/**
 * A client error: what was wrong and how to fix it, with the argument it is
 * about, so a client can show it next to the right input.
 */
export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) },
  });
}
