/**
 * The HTTP layer: an express app with /graphql, health and metrics. Thin on
 * purpose: everything a GraphQL request needs is made in its context.
 */
import http from "node:http";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import compression from "compression";
import cors from "cors";
import express from "express";
import type { DataSource } from "typeorm";
import type { DataVersionWatcher } from "../db/data-version-watcher";
import { DatabaseUnavailableError } from "../db/errors";
import type { SqlClient } from "../db/sql";
import { answerEtag } from "../graphql/answer-body";
import { createContext } from "../graphql/context";
import type { LoaderOptions } from "../graphql/loaders";
import { ResponseCache } from "../graphql/response-cache";
import { createApolloServer } from "../graphql/server";
import { observabilityPlugin } from "../observability/graphql-plugin";
import { logger } from "../observability/logger";
import { ApiMetrics } from "../observability/metrics";
import { requestInfo } from "../observability/request-info";
import { requestLogging } from "../observability/request-log";
import { Budgets, DEFAULT_BUDGET_WINDOW_SECONDS, DEFAULT_BUDGETS } from "../rate-limit/budgets";
import { authenticate, callerOf } from "./authenticate";
import { cachedAnswers } from "./cached-answers";
import { dashboardRoutes } from "./dashboard.routes";
import { embedRoutes } from "./embed.routes";
import { explorerRoutes } from "./explorer.routes";
import { exportRoutes } from "./export.routes";
import { healthRoutes, type Pingable } from "./health.routes";
import { landingRoutes } from "./landing.routes";
import { releaseRoutes } from "./release.routes";
import { configuredCatalog } from "../release/catalog";

export interface AppDeps {
  sql: SqlClient;
  dataSource: DataSource;
  /** The Redis client, when REDIS_URL is configured. */
  redis?: Pingable;
  /** The shared cache (Redis) for persisted queries and answers; in process when absent. */
  cache?: KeyValueCache;
  /** The data version; when given, answers to queries are cached by it (src/graphql/response-cache.ts). */
  dataVersion?: DataVersionWatcher;
  /** The callers' budgets (in Redis when configured); in process with the default limits when absent. */
  budgets?: Budgets;
  /** How each request's loaders batch; only the benchmark's naive reference (bench/naive-server.ts) passes any. */
  loaderOptions?: LoaderOptions;
  /** False runs every operation by graphql-js alone (Config.compiledExecution); compiled when absent. */
  compiledExecution?: boolean;
}

export interface ListenOptions {
  port: number;
  host: string;
  /** How long a stop waits for requests in flight before closing their connections. */
  shutdownTimeoutMs: number;
  /** Express's "trust proxy" (see Config.trustProxy); no proxy is trusted when absent. */
  trustProxy?: boolean | number | string;
}

export interface HttpServer {
  server: http.Server;
  metrics: ApiMetrics;
  /** Stops taking requests, lets those in flight finish (up to the timeout), then resolves. */
  stop(): Promise<void>;
}


/**
 * Answers smaller than this go uncompressed. TCP's initial congestion window
 * (10 segments, about 14 kB) delivers an answer this size in the first round
 * trip whether compressed or not, so compressing it would save bytes but no
 * time, at a measured cost in CPU (bench/RESULTS.md); larger answers (a page
 * of chapters is 24 kB, 2.7 kB gzipped) save round trips.
 */
export const COMPRESSION_THRESHOLD_BYTES = 12 * 1024;


/** Builds the app and starts listening (port 0 for any free port). */
export async function startHttpServer(deps: AppDeps, options: ListenOptions): Promise<HttpServer> {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  app.set("etag", answerEtag);
  const server = http.createServer(app);
  const metrics = new ApiMetrics(deps.sql);
  const budgets = deps.budgets ?? new Budgets({ points: DEFAULT_BUDGETS, windowSeconds: DEFAULT_BUDGET_WINDOW_SECONDS });
  const { dataVersion } = deps;
  const responseCache = dataVersion && new ResponseCache(() => dataVersion.version, { shared: deps.cache });
  const apollo = createApolloServer(
    [ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: options.shutdownTimeoutMs }), observabilityPlugin(metrics)],
    { cache: deps.cache, responseCache, budgets, dataVersion: dataVersion && (() => dataVersion.version), ...(deps.compiledExecution === false ? { executor: false } : {}) },
  );
  await apollo.start();

  app.use(requestLogging(logger));
  const compress = compression({ threshold: COMPRESSION_THRESHOLD_BYTES });
  app.use((req, res, next) => {
    // A client that accepts no encoding gets none, so compression's wrapping of every response (a header hook,
    // its own write and end) would decide nothing: 6% of a small answer's allocations. Caches still learn that
    // answers vary by Accept-Encoding.
    if (req.headers["accept-encoding"]) return compress(req, res, next);
    res.vary("Accept-Encoding");
    next();
  });
  // Open data: any origin may read, with no credentials (so no cookies and no per-user answers cross origins).
  app.use(
    cors({
      origin: "*",
      methods: ["GET", "POST", "OPTIONS"],
      allowedHeaders: ["content-type", "authorization", "x-request-id", "apollo-require-preflight", "x-apollo-operation-name"],
      exposedHeaders: ["x-request-id", "etag", "age", "retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-cost"],
      maxAge: 86400,
    }),
  );
  // A browser opening /graphql gets GraphiQL (explorerRoutes); API requests go to Apollo. The same URL
  // answers HTML or JSON by Accept, and per caller by Authorization, so caches must key on both.
  const graphqlEndpoint: express.RequestHandler[] = [
    (_req, res, next) => {
      res.vary("Accept");
      res.vary("Authorization");
      next();
    },
    express.json({ limit: "100kb" }),
    authenticate(deps.sql),
    ...(responseCache ? [cachedAnswers(responseCache, budgets, metrics)] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({ ...createContext(deps, { caller: callerOf(req, res), request: requestInfo(req, res) }), refusedCharge: res.locals.refusedCharge }),
    }),
  ];
  // POST is only ever the API: answered before the page routers below, which it would otherwise walk
  // through on every request. GETs reach the explorer first.
  app.post("/graphql", ...graphqlEndpoint);
  app.use(healthRoutes(deps));
  app.use("/export", authenticate(deps.sql));
  app.use(exportRoutes(deps.sql, budgets));
  app.use(releaseRoutes(configuredCatalog()));
  app.use(embedRoutes());
  app.use(dashboardRoutes());
  app.use(explorerRoutes());
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.scrape());
  });
  app.use(landingRoutes());
  app.use("/graphql", ...graphqlEndpoint);

  // Body-parser errors (malformed JSON, a body over the limit) answer in the GraphQL error shape, never with a stack trace.
  app.use((error: { status?: number; message?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof DatabaseUnavailableError) {
      res.status(503).set("Retry-After", "5").json({ errors: [{ message: "The database is unavailable; try again shortly.", extensions: { code: "SERVICE_UNAVAILABLE" } }] });
      return;
    }
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, "unhandled error");
    const message = status === 500 ? "Internal server error" : `Bad request: ${error.message}`;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST" } }] });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return { server, metrics, stop: () => apollo.stop() };
}
