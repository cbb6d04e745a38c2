import { DateResolver } from "graphql-scalars";
import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { webUrl } from "../../validation/fields";

/**
 * A calendar date, "YYYY-MM-DD" (RFC 3339 full-date). Rows carry dates as the
 * strings PostgreSQL sends; an argument of this type arrives as a JS Date at
 * midnight UTC, turned back into the same string by `toIsoDate` (src/seed/dates.ts).
 */
export const DateScalar = DateResolver;

const checkUrl = webUrl();

/** The value of a URL input, or the import rule's refusal (graphql-js names the argument or field it was given for). */
function parseUrl(value: unknown): string {
  const result = checkUrl(value);
  if (!result.ok) throw new GraphQLError(`A URL ${result.message}.`);
  return result.value;
}

/**
 * An absolute http(s) address, checked on input by the import's rule
 * (src/validation/fields.ts `webUrl`), so a mutation and an import file accept
 * the same addresses. graphql-scalars' URL is not used: it accepts any scheme
 * ("javascript:") and rewrites the text it returns. Answers give the address
 * as stored (every write path checks it), never rewritten.
 */
export const URLScalar = new GraphQLScalarType<string, string>({
  name: "URL",
  description: "An absolute http or https URL, as the WHATWG URL Standard parses it (e.g. \"https://example.org/about\"), given back exactly as it was sent.",
  specifiedByURL: "https://url.spec.whatwg.org/",
  serialize: (value) => String(value),
  parseValue: parseUrl,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError("A URL must be given as a string.", { nodes: ast });
    return parseUrl(ast.value);
  },
});

/** The month of a date, counted from year 0 (so months subtract across years). */
export function monthIndex(date: Date): number {
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}
