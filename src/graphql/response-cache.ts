/**
 * Whole answers to repeated queries, kept so that a repeat is answered before
 * Apollo's pipeline runs (src/http/cached-answers.ts): no parsing, validation,
 * plugins, pricing or ETag over the body, only the caller's budget charged.
 *
 * An answer is stored by the Apollo plugin below once the pipeline has
 * computed it, under a key made of the caller's role (editors see archived
 * records; keyed callers never share entries with anonymous ones), the data
 * version when the request started, and the request as sent (a GET's query
 * string, or a POST's JSON body: document, operation name, variables,
 * extensions). The data version makes an entry unreachable as soon as the
 * data changes, so no answer older than the data is served; while the version
 * is unknown nothing is stored or served.
 *
 * Two tiers: this process's memory (bounded by bytes), then the shared cache
 * (Redis when configured, so instances answer each other's repeats).
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { ErrorsAreMissesCache, PrefixingKeyValueCache, type KeyValueCache } from "@apollo/utils.keyvaluecache";
import { LRUCache } from "lru-cache";
import type { Role } from "../auth/caller";
import { answerEtag, repeatedAnswerBody } from "./answer-body";
import type { Context } from "./context";

/** What a repeat of a request is answered with. */
export interface CachedAnswer {
  /** The answer's `data`, as JSON. */
  data: string;
  /** The data version it was computed from (its `extensions.dataVersion`). */
  dataVersion: string | null;
  /** Its weak ETag, made as for computed answers (./answer-body.ts). */
  etag: string;
  /** The points it costs (charged on every repeat, as when it was computed). */
  cost: number;
  /** Seconds it may be kept (its cache policy, public scope). */
  maxAge: number;
  operationName: string | null;
  /** When it was computed (ms since the epoch), for `Age` and expiry. */
  storedAt: number;
}

/** The parts of an HTTP request that pick its answer (Apollo's HTTPGraphQLRequest and Express's request both have them). */
export interface RequestMaterial {
  method: string;
  /** The query string, with its leading "?" ("" when none). */
  search: string;
  /** The parsed JSON body of a POST. */
  body?: unknown;
}

/** Bytes of answers this process keeps in memory (the shared tier holds more). */
export const MAX_MEMORY_BYTES = 64 * 1024 * 1024;

export class ResponseCache {
  private readonly memory: LRUCache<string, CachedAnswer>;
  private readonly shared: KeyValueCache | undefined;

  constructor(
    private readonly dataVersion: () => string | null,
    options: { shared?: KeyValueCache; maxMemoryBytes?: number } = {},
  ) {
    this.memory = new LRUCache<string, CachedAnswer>({ maxSize: options.maxMemoryBytes ?? MAX_MEMORY_BYTES, sizeCalculation: (answer) => answer.data.length + 200 });
    // An outage of the shared cache is a miss, never an error: answers are then computed.
    this.shared = options.shared && new PrefixingKeyValueCache(new ErrorsAreMissesCache(options.shared), "answer:");
  }

  /**
   * The key of a request by a caller of `role` at the current data version;
   * undefined when the version is unknown or the request is not one whose
   * answer is kept (not a GET with a query string or a POST with a JSON object).
   */
  keyOf(role: Role, request: RequestMaterial, version = this.dataVersion()): string | undefined {
    if (version === null) return undefined;
    let sent: string;
    if (request.method === "GET" && request.search.length > 1) sent = request.search;
    else if (request.method === "POST" && request.body !== null && typeof request.body === "object" && !Array.isArray(request.body)) sent = JSON.stringify(request.body);
    else return undefined;
    return `${role}\u0000${version}\u0000${request.method}\u0000${sent}`;
  }

  /** The answer stored under `key`, if it has not expired: from memory, else from the shared cache. */
  async get(key: string, now = Date.now()): Promise<CachedAnswer | undefined> {
    let answer = this.memory.get(key);
    if (!answer && this.shared) {
      const stored = await this.shared.get(key);
      answer = stored === undefined ? undefined : (JSON.parse(stored) as CachedAnswer);
      if (answer) this.memory.set(key, answer);
    }
    if (answer && now - answer.storedAt >= answer.maxAge * 1000) {
      this.memory.delete(key);
      return undefined;
    }
    return answer;
  }

  private store(key: string, answer: CachedAnswer): void {
    this.memory.set(key, answer);
    void this.shared?.set(key, JSON.stringify(answer), { ttl: answer.maxAge });
  }

  /**
   * Stores every answer worth repeating: a query's, without errors, with a
   * public cache policy of a positive max-age, under the data version read
   * when the request started (an answer computed across a change is then
   * stored under the old version, which no later request asks for).
   */
  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async ({ request, contextValue }) => {
        const key = request.http && this.keyOf(contextValue.caller.role, request.http);
        if (!key) return;
        return {
          willSendResponse: async ({ response, errors, operation, operationName, overallCachePolicy, contextValue: { budget } }) => {
            const policy = overallCachePolicy.policyIfCacheable();
            if (operation?.operation !== "query" || errors?.length || !policy || policy.scope !== "PUBLIC" || !budget) return;
            if (response.body.kind !== "single" || response.body.singleResult.errors) return;
            const data = JSON.stringify(response.body.singleResult.data);
            const dataVersion = (response.body.singleResult.extensions?.dataVersion as string | null | undefined) ?? null;
            const answerTag = answerEtag(repeatedAnswerBody(data, dataVersion, {}));
            this.store(key, { data, dataVersion, etag: answerTag, cost: budget.cost, maxAge: policy.maxAge, operationName: operationName ?? null, storedAt: Date.now() });
          },
        };
      },
    };
  }
}
