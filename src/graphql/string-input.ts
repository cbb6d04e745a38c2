/**
 * Strings PostgreSQL cannot hold are refused before any resolver runs: a NUL
 * character (text values cannot contain U+0000; the database answers with an
 * encoding error) and an unpaired UTF-16 surrogate (not a Unicode character at
 * all; Node would silently send U+FFFD in its place). One check covers every
 * string argument of the schema, present and future: a validation rule over
 * the document's string literals, and a plugin over the variables' values,
 * each answering BAD_USER_INPUT naming the argument or variable.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, type ASTNode, type ASTVisitor, type ValidationContext } from "graphql";
import type { Context } from "./context";
import { ErrorCode } from "./errors";

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What makes a string unstorable, for a message ("a NUL character (U+0000)"), or null when it is fine. */
export function unstorableCharacter(value: string): string | null {
  if (value.includes("\u0000")) return "a NUL character (U+0000)";
  if (UNPAIRED_SURROGATE.test(value)) return "an unpaired surrogate (a lone half of a UTF-16 pair)";
  return null;
}

const refusal = (what: string, problem: string, extensions: Record<string, unknown>, nodes?: ASTNode) =>
  new GraphQLError(`${what} holds ${problem}, which no value here may contain; remove it.`, {
    nodes,
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions },
  });

/**
 * Refuses a string literal with an unstorable character, naming the argument
 * (and the input fields down to the value: "filter.search") or the variable
 * whose default it is. Apollo codes validation errors GRAPHQL_VALIDATION_FAILED;
 * formatError (./errors.ts) answers this one as BAD_USER_INPUT.
 */
export function StringInputRule(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node, _key, parent, _path, ancestors) {
      const problem = unstorableCharacter(node.value);
      if (!problem) return;
      // `ancestors` stops short of the parent; lists in between are skipped.
      const enclosing = [...ancestors, parent ?? []];
      const fields: string[] = [];
      for (let i = enclosing.length - 1; i >= 0; i--) {
        const ancestor = enclosing[i];
        if (Array.isArray(ancestor)) continue;
        const astNode = ancestor as ASTNode;
        if (astNode.kind === Kind.OBJECT_FIELD) fields.unshift(astNode.name.value);
        if (astNode.kind === Kind.ARGUMENT) {
          const name = [astNode.name.value, ...fields].join(".");
          context.reportError(refusal(`The argument "${name}"`, problem, { argumentName: astNode.name.value }, node));
          return;
        }
        if (astNode.kind === Kind.VARIABLE_DEFINITION) {
          context.reportError(refusal(`The default value of the variable "$${astNode.variable.name.value}"`, problem, { variableName: astNode.variable.name.value }, node));
          return;
        }
      }
      context.reportError(refusal("A string in the document", problem, {}, node));
    },
  };
}

/** The path ("filter.search", "ids[2]") and problem of the first unstorable string within a variable's value. */
function findUnstorable(value: unknown, path: string): { path: string; problem: string } | null {
  if (typeof value === "string") {
    const problem = unstorableCharacter(value);
    return problem ? { path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorable(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnstorable(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses a request whose variables hold an unstorable string anywhere, before it is priced or run. */
export function stringInputPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            const found = findUnstorable(value, `$${name}`);
            if (found) {
              const where = found.path === `$${name}` ? `The variable "$${name}"` : `The variable "$${name}" (at ${found.path.slice(1)})`;
              throw refusal(where, found.problem, { variableName: name, http: { status: 400 } });
            }
          }
        },
      };
    },
  };
}
