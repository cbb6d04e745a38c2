/**
 * Every request gets an id (the client's X-Request-Id when it is a plain
 * token, else a new UUID), answered in X-Request-Id and carried by its log
 * lines and errors; and, at level info, one log line when it is answered:
 * readable in a terminal, JSON otherwise (src/observability/logger.ts).
 */
import type http from "node:http";
import type express from "express";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { requestIdOf, requestMessage } from "./request-info";

/** Paths polled by orchestrators and scrapers: not worth a log line each. */
const QUIET_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

function giveRequestId(req: http.IncomingMessage, res: http.ServerResponse): string {
  const id = requestIdOf(req);
  res.setHeader("X-Request-Id", id);
  return id;
}

/**
 * The middleware for `logger`. A request's line is logged at level info;
 * where the level hides it (LOG_LEVEL=warn, as the benchmark runs), pino-http
 * would still build each request's child loggers and message for nothing, so
 * the request only gets its id.
 */
export function requestLogging(logger: Logger): express.RequestHandler {
  return logger.isLevelEnabled("info")
    ? pinoHttp({
        logger,
        genReqId: giveRequestId,
        autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? "") },
        customSuccessMessage: (req, res, responseTime) => requestMessage(req, res as unknown as express.Response, responseTime),
        customErrorMessage: (req, res, error) => `${requestMessage(req, res as unknown as express.Response)}: ${error.message}`,
        // Only what an operator needs: never headers (Authorization) or bodies (mutation variables).
        serializers: {
          req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split("?")[0] }),
          res: (res: { statusCode: number }) => ({ status: res.statusCode }),
        },
        customProps: (req, res) => {
          const info = (res as unknown as express.Response).locals?.requestInfo;
          return info ? { operation: info.operation, outcome: info.outcome, statements: info.statements.statements } : {};
        },
      })
    : (req, res, next) => {
        (req as { id?: string }).id = giveRequestId(req, res);
        next();
      };
}
