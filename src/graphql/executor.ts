/**
 * Compiled execution: graphql-jit compiles each operation once into a
 * function that resolves its fields without graphql-js's per-field
 * interpretation (collecting fields, looking up types, building `info`,
 * completing values), reused for every request with the same document and
 * operation name. That interpretation was about half of a listing's CPU
 * (bench/RESULTS.md).
 *
 * It plugs into Apollo Server 5 as a `gateway`, Apollo's one hook for a
 * custom executor: Apollo still parses, validates (with our rules), runs every
 * plugin (cache policy, budgets, response cache, armor) and formats errors
 * around it; only the execution step is replaced.
 *
 * graphql-js, the reference implementation, executes what graphql-jit cannot
 * compile and the cases where the two answer differently: a request whose
 * variables fail to coerce (graphql-js words those errors as Apollo's 400
 * handling and clients expect) and a request naming no operation of its document.
 */
import type { ApolloServerOptionsWithGateway } from "@apollo/server";
import { execute, GraphQLError, isAbstractType, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { LRUCache } from "lru-cache";
import { getMetadataStorage } from "type-graphql";
import type { Context } from "./context";

type Gateway = ApolloServerOptionsWithGateway<Context>["gateway"];

/** Distinct operations kept compiled: clients repeat a few; the bound keeps one-off documents from growing the heap. */
export const MAX_COMPILED_OPERATIONS = 500;

export interface CompiledExecutor {
  /** The executor as Apollo's `gateway` option takes it. */
  gateway: Gateway;
  /** Operations executed by each engine, and compilations, since start (tests read them to prove which engine answered). */
  counts: { compiled: number; graphqlJs: number; compilations: number };
}

/**
 * type-graphql wraps every declared `resolveType` in an async function, and
 * graphql-jit calls `resolveType` synchronously (a promise is no type name).
 * The declared ones here are synchronous (Node reads the type its loader
 * tagged the row with), so each abstract type gets its declared function back,
 * with type-graphql's mapping of a returned class to its type's name.
 * graphql-js accepts either, so both engines then resolve types the same way.
 */
function synchronousTypeResolution(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const typeNameOf = new Map<unknown, string>(storage.objectTypes.map((type) => [type.target, type.name]));
  for (const declared of [...storage.interfaceTypes, ...storage.unions]) {
    const type = schema.getType(declared.name);
    const resolve = declared.resolveType;
    if (!resolve || !type || !isAbstractType(type)) continue;
    type.resolveType = (value, context, info, abstractType) => {
      const resolved = resolve(value, context, info, abstractType);
      if (resolved instanceof Promise) throw new Error(`resolveType of ${declared.name} must be synchronous (compiled execution cannot wait for it).`);
      return typeof resolved === "string" || resolved == null ? (resolved ?? undefined) : typeNameOf.get(resolved);
    };
  }
}

/**
 * graphql-jit's errors are not always graphql-js's own (their `extensions` may
 * be missing), and Apollo's error formatting reads `extensions.code` before
 * formatError runs: such an error would lose its path and reach clients as a
 * bare "Internal server error". Each becomes a graphql-js error with the same
 * message, path and original error.
 */
function asGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.some((error) => !(error instanceof GraphQLError) || !error.extensions)) return result;
  const errors = result.errors.map((error) =>
    error instanceof GraphQLError && error.extensions
      ? error
      : new GraphQLError(error.message, { nodes: error.nodes, path: error.path, originalError: error.originalError ?? error, extensions: error.extensions ?? {} }),
  );
  return { ...result, errors };
}

/** An executor over `schema` that compiles each operation on its first use. */
export function compiledExecutor(schema: GraphQLSchema, options: { maxOperations?: number } = {}): CompiledExecutor {
  synchronousTypeResolution(schema);
  // null: graphql-jit could not compile the operation, and graphql-js executes it.
  const operations = new LRUCache<string, { compiled: CompiledQuery | null }>({ max: options.maxOperations ?? MAX_COMPILED_OPERATIONS });
  const counts = { compiled: 0, graphqlJs: 0, compilations: 0 };

  const compiledFor = (key: string, document: DocumentNode, operationName: string | null): CompiledQuery | null => {
    let entry = operations.get(key);
    if (!entry) {
      const compiled = compileQuery(schema, document, operationName ?? undefined);
      counts.compilations++;
      entry = { compiled: isCompiledQuery(compiled) ? compiled : null };
      operations.set(key, entry);
    }
    return entry.compiled;
  };

  const byGraphqlJs = (document: DocumentNode, context: unknown, variables: Record<string, unknown> | undefined, operationName: string | null | undefined) => {
    counts.graphqlJs++;
    return execute({ schema, document, contextValue: context, variableValues: variables, operationName });
  };

  const gateway: Gateway = {
    async load() {
      return {
        async executor({ document, operation, operationName, queryHash, request, context }): Promise<ExecutionResult> {
          if (!operation) return byGraphqlJs(document, context, request.variables, request.operationName);
          const compiled = compiledFor(`${operationName ?? ""}\u0000${queryHash}`, document, operationName);
          if (!compiled) return byGraphqlJs(document, context, request.variables, operationName);
          const result = await compiled.query(undefined, context, request.variables ?? {});
          // Variables that failed to coerce: nothing ran, and graphql-js words the errors.
          if (!("data" in result)) return byGraphqlJs(document, context, request.variables, operationName);
          counts.compiled++;
          return asGraphQLErrors(result);
        },
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {
      operations.clear();
    },
  };
  return { gateway, counts };
}
