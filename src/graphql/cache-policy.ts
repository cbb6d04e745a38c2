/**
 * HTTP cache policy of an operation, from cache hints on the schema.
 *
 * Apollo's cache-control plugin computes a policy by visiting every resolved
 * field of every response (about a third of a listing's throughput here,
 * PERF-NOTES finding 2). The policy depends only on the document, so this
 * computes it once per distinct document from the schema's hints and reuses
 * it. Hints are type-graphql extensions: `@Extensions({ cacheControl: { maxAge, scope } })`
 * on a field or an object type; anything without one is public for DEFAULT_MAX_AGE.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { Caller } from "../auth/caller";
import { getNamedType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from "graphql";
import type { Context } from "./context";

/** Public organisational data changes rarely (seeds, imports, edits); caches may keep an answer this long. */
export const DEFAULT_MAX_AGE = 300;

export interface CacheHint {
  maxAge?: number;
  scope?: "PUBLIC" | "PRIVATE";
}

export interface CachePolicy {
  maxAge: number;
  scope: "PUBLIC" | "PRIVATE";
}

const MAX_REMEMBERED = 1000;

/** The most restrictive hint among the fields and types a document selects. */
export function documentCachePolicy(schema: GraphQLSchema, document: DocumentNode): CachePolicy {
  const policy: CachePolicy = { maxAge: DEFAULT_MAX_AGE, scope: "PUBLIC" };
  const typeInfo = new TypeInfo(schema);
  const apply = (hint: CacheHint | undefined) => {
    if (hint?.maxAge !== undefined) policy.maxAge = Math.min(policy.maxAge, hint.maxAge);
    if (hint?.scope === "PRIVATE") policy.scope = "PRIVATE";
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const field = typeInfo.getFieldDef();
        apply(field?.extensions?.cacheControl as CacheHint | undefined);
        const type = field && getNamedType(field.type);
        apply(type?.extensions?.cacheControl as CacheHint | undefined);
      },
    }),
  );
  return policy;
}

/**
 * The Cache-Control of an answer: `no-store` when it may not be kept (errors,
 * anything that is not a query, a max-age of 0); `private` where a hint says
 * so or the caller sent a key (an editor's answer holds archived records, and
 * a keyed answer is that caller's: shared caches must not keep it, whatever
 * they make of `Vary: Authorization`); else `public`.
 */
export function cacheControlHeader(policy: CachePolicy | null, caller: Caller): string {
  if (!policy) return "no-store";
  return `${policy.scope === "PRIVATE" || caller.key ? "private" : "public"}, max-age=${policy.maxAge}`;
}

/**
 * Sets each query's overall cache policy (which the response cache reads) and
 * its Cache-Control header (cacheControlHeader).
 */
export function cachePolicyPlugin(): ApolloServerPlugin<Context> {
  const remembered = new Map<string, CachePolicy>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, source, operation, overallCachePolicy }) {
          if (operation?.operation !== "query") {
            overallCachePolicy.replace({ maxAge: 0 });
            return;
          }
          let policy = remembered.get(source);
          if (!policy) {
            policy = documentCachePolicy(schema, document);
            if (remembered.size >= MAX_REMEMBERED) remembered.clear();
            remembered.set(source, policy);
          }
          overallCachePolicy.replace(policy);
        },
        async willSendResponse({ response, errors, overallCachePolicy, contextValue }) {
          const policy = errors?.length ? null : overallCachePolicy.policyIfCacheable();
          response.http.headers.set("cache-control", cacheControlHeader(policy, contextValue.caller));
        },
      };
    },
  };
}
