/**
 * The Apollo Server over the schema, with this API's error policy (./errors.ts).
 */
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { Budgets } from "../rate-limit/budgets";
import { budgetPlugin } from "./budget-plugin";
import type { Context } from "./context";
import { formatError, internalErrorPlugin } from "./errors";
import { cachePolicyPlugin } from "./cache-policy";
import { compiledExecutor, type CompiledExecutor } from "./executor";
import type { ResponseCache } from "./response-cache";
import { dataVersionPlugin } from "./data-version-plugin";
import { httpStatusPlugin } from "./http-status";
import { getSchema } from "./schema";
import { stringInputPlugin, StringInputRule } from "./string-input";
import { passRootsUncopied } from "./uncopied-roots";
import { KnownOperationTypesRule } from "./validation";

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
  /** Where persisted queries live: Redis when configured (shared by every instance), else in process. */
  cache?: KeyValueCache;
  /** When given, answers to queries are stored in it (and repeats answered from it in front of Apollo, src/http/cached-answers.ts). */
  responseCache?: ResponseCache;
  /** The callers' points budgets, which every operation spends from. */
  budgets: Budgets;
  /** The current data version (null while unknown), which every answer reports in `extensions.dataVersion`. */
  dataVersion?: () => string | null;
  /**
   * How operations are executed: compiled (./executor.ts, the default; given here, tests read which
   * engine answered) or, with `false`, by graphql-js alone (EXECUTION=graphql-js, a way back should a
   * compiled answer ever be wrong).
   */
  executor?: CompiledExecutor | false;
}

export function createApolloServer(plugins: ApolloServerPlugin<Context>[], options: ServerOptions): ApolloServer<Context> {
  const armor = new ApolloArmor(QUERY_LIMITS).protect();
  const { responseCache, budgets } = options;
  passRootsUncopied();
  const executor = options.executor ?? compiledExecutor(getSchema());
  return new ApolloServer<Context>({
    cache: options.cache,
    ...(executor ? { gateway: executor.gateway } : { schema: getSchema() }),
    formatError,
    validationRules: [KnownOperationTypesRule, StringInputRule, ...armor.validationRules],
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
      internalErrorPlugin(),
      stringInputPlugin(),
      cachePolicyPlugin(),
      httpStatusPlugin(),
      budgetPlugin(budgets),
      dataVersionPlugin(options.dataVersion),
      ...(responseCache ? [responseCache.plugin()] : []),
      ...(armor.plugins as ApolloServerPlugin<Context>[]),
      ...plugins,
    ],
  });
}
