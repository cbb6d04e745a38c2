/**
 * The Apollo Server over the schema, with this API's error policy.
 */
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { GraphQLFormattedError } from "graphql";
import type { Context } from "./context";
import { ErrorCode, errorCode } from "./errors";
import { cachePolicyPlugin } from "./cache-policy";
import { getSchema } from "./schema";
import { KnownOperationTypesRule } from "./validation";

/**
 * Validation errors that are about a value the client sent (an unknown enum
 * value, a string where an Int belongs, a missing required argument) are bad
 * input, like the errors resolvers raise: clients should see one code for
 * "fix your arguments", not two.
 */
const BAD_VALUE = /cannot represent|does not exist in "[^"]+" enum|^Expected value of type|^Field "[^"]+" argument "[^"]+" of type "[^"]+" is required|^Field "[^"]+" of required type "[^"]+" was not provided|^Field "[^"]+" is not defined by type "[^"]+"|^Variable "\$[^"]+" got invalid value/;

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (errorCode(error) === ErrorCode.SERVICE_UNAVAILABLE) {
    return { message: "The database is unavailable; try again shortly.", path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
  }
  const code = formatted.extensions?.code;
  if ((code === "GRAPHQL_VALIDATION_FAILED" || code === ErrorCode.BAD_USER_INPUT) && BAD_VALUE.test(formatted.message)) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  return formatted;
}

/**
 * Limits checked while validating, before any resolver runs or any SQL is
 * sent: a public API must not let one document make it do unbounded work.
 * Introspection is exempt from depth and cost (GraphiQL and codegen need it).
 * Field suggestions stay on: the schema is public, and they help clients fix typos.
 */
export const MAX_TOKENS = 5000;

export const QUERY_LIMITS = {
  maxDepth: { n: 12, ignoreIntrospection: true, exposeLimits: true },
  maxAliases: { n: 30, exposeLimits: true },
  maxDirectives: { n: 30, exposeLimits: true },
  // Armor's token limit throws from a parsing hook, which Apollo answers with a 500; graphql-js's own
  // parser limit (parseOptions.maxTokens below) answers the same case with a 400.
  maxTokens: { enabled: false },
  // Armor's cost is structural (objects 2, scalars 1, ×1.5 per level; page sizes do not count): the chapter
  // listing of the README costs about 8,100, and 25 of them side by side about 200,000.
  costLimit: { maxCost: 50_000, ignoreIntrospection: true, exposeLimits: true },
  blockFieldSuggestion: { enabled: false },
};

export interface ServerOptions {
  /** Where persisted queries and cached responses live: Redis when configured (shared by every instance), else in process. */
  cache?: KeyValueCache;
  /**
   * The current data version (null while unknown). When given, whole responses are
   * cached, keyed by it, so no cached answer outlives a change of the data.
   */
  dataVersion?: () => string | null;
}

export function createApolloServer(plugins: ApolloServerPlugin<Context>[] = [], options: ServerOptions = {}): ApolloServer<Context> {
  const armor = new ApolloArmor(QUERY_LIMITS).protect();
  const { dataVersion } = options;
  return new ApolloServer<Context>({
    cache: options.cache,
    schema: getSchema(),
    formatError,
    validationRules: [KnownOperationTypesRule, ...armor.validationRules],
    parseOptions: { maxTokens: MAX_TOKENS },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // Queries by plain GET are what CDNs and browsers cache (GraphQL over HTTP). Apollo's CSRF guard
    // would refuse them; it protects side effects, and there are none to protect: mutations are never
    // run over GET, and a POST is only read with a JSON content type, which a cross-site form cannot send.
    csrfPrevention: false,
    // main.ts owns the process's signals: it drains HTTP, then closes the database, then exits.
    stopOnTerminationSignals: false,
    plugins: [
      // The default cache-control plugin computes a policy for every resolved field:
      // about a third of a listing's throughput on this stack (PERF-NOTES finding 2).
      ApolloServerPluginCacheControlDisabled(),
      cachePolicyPlugin(),
      ...(dataVersion
        ? [
            responseCachePlugin<Context>({
              extraCacheKeyData: async () => dataVersion(),
              shouldReadFromCache: async () => dataVersion() !== null,
              shouldWriteToCache: async () => dataVersion() !== null,
            }),
          ]
        : []),
      ...(armor.plugins as ApolloServerPlugin<Context>[]),
      ...plugins,
    ],
  });
}
