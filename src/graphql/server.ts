/**
 * The Apollo Server over the schema, with this API's error policy.
 */
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { GraphQLFormattedError } from "graphql";
import { hasRole } from "../auth/caller";
import type { Budgets } from "../rate-limit/budgets";
import { budgetPlugin } from "./budget-plugin";
import type { Context } from "./context";
import { ErrorCode, errorCode } from "./errors";
import { cachePolicyPlugin } from "./cache-policy";
import { httpStatusPlugin } from "./http-status";
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
  // Armor's cost is structural (page sizes do not count): the cost that limits queries and spends budgets is
  // ./cost.ts's, checked by ./budget-plugin.ts once the variables (page sizes) are known.
  costLimit: { enabled: false },
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
  /** The callers' points budgets, which every operation spends from. */
  budgets: Budgets;
}

export function createApolloServer(plugins: ApolloServerPlugin<Context>[], options: ServerOptions): ApolloServer<Context> {
  const armor = new ApolloArmor(QUERY_LIMITS).protect();
  const { dataVersion, budgets } = options;
  return new ApolloServer<Context>({
    cache: options.cache,
    schema: getSchema(),
    formatError,
    validationRules: [KnownOperationTypesRule, ...armor.validationRules],
    parseOptions: { maxTokens: MAX_TOKENS },
    // Open data: the schema is public documentation. Apollo turns introspection off when NODE_ENV is
    // "production" (as in the Docker image), which would blind GraphiQL and code generators.
    introspection: true,
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
      httpStatusPlugin(),
      budgetPlugin(budgets),
      ...(dataVersion
        ? [
            responseCachePlugin<Context>({
              // Editors also see archived records: their answers are cached apart from everyone else's.
              extraCacheKeyData: async ({ contextValue }) => `${dataVersion()}:${hasRole(contextValue.caller, "editor") ? "editor" : "public"}`,
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
