/**
 * An Apollo plugin that records each operation's outcome: metrics (requests,
 * latency, errors by code, SQL statements), the fields of its log line, and
 * HTTP 503 with Retry-After when the database was unavailable.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../graphql/context";
import { ErrorCode, errorCode } from "../graphql/errors";
import type { ApiMetrics } from "./metrics";

/** Seconds a client is asked to wait before retrying during a database outage. */
const RETRY_AFTER_SECONDS = 5;

export function observabilityPlugin(metrics: ApiMetrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, errors, operationName, operation: document, contextValue, metrics: requestMetrics }) {
          const codes = (errors ?? []).map(errorCode);
          for (const code of codes) metrics.errors.inc({ code });
          if (codes.includes(ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
          }
          const outcome = codes.length ? "error" : "success";
          if (document?.operation === "query" && !codes.length) metrics.responseCache.inc({ result: requestMetrics.responseCacheHit ? "hit" : "miss" });
          const operation = metrics.operationLabel(operationName);
          metrics.requests.inc({ operation, outcome });
          metrics.duration.observe({ operation, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
          if (contextValue.request) {
            metrics.statements.observe({ operation }, contextValue.request.statements.statements);
            contextValue.request.operation = operationName ?? null;
            contextValue.request.outcome = outcome;
          }
        },
      };
    },
  };
}
