/**
 * Prometheus metrics (prom-client), served at GET /metrics. One registry per
 * app, so two apps in one process (tests) do not mix their figures. In a
 * cluster (WORKERS=N) a scrape reports every worker (./cluster-metrics.ts).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { SqlClient } from "../db/sql";
import { setBatchObserver } from "../graphql/loaders";
import { scrape, shareWithPrimary } from "./cluster-metrics";

/** Operation names are client-chosen: a label per name would let one client grow the registry without bound. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export class ApiMetrics {
  readonly registry = new Registry();
  private readonly knownOperations = new Set<string>();

  readonly requests = new Counter({
    name: "graphql_requests_total",
    help: "GraphQL requests by operation name and outcome (success, error).",
    labelNames: ["operation", "outcome"] as const,
    registers: [this.registry],
  });

  readonly duration = new Histogram({
    name: "graphql_request_duration_seconds",
    help: "Time from receiving a GraphQL request to sending its response, by operation name and outcome.",
    labelNames: ["operation", "outcome"] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: "graphql_errors_total",
    help: "GraphQL errors sent, by extensions.code.",
    labelNames: ["code"] as const,
    registers: [this.registry],
  });

  readonly statements = new Histogram({
    name: "graphql_sql_statements_per_request",
    help: "SQL statements one GraphQL request sent, by operation name.",
    labelNames: ["operation"] as const,
    buckets: [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 50],
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: "dataloader_batch_size",
    help: "Keys per DataLoader batch (one SQL statement each), by loader.",
    labelNames: ["loader"] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [this.registry],
  });

  readonly responseCache = new Counter({
    name: "response_cache_requests_total",
    help: "Queries answered from the response cache (hit) or executed (miss).",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });

  constructor(sql: SqlClient) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: "db_pool_connections",
      help: "PostgreSQL pool connections by state: in_use, idle, and requests waiting for one.",
      labelNames: ["state"] as const,
      registers: [this.registry],
      collect() {
        const { total, idle, waiting } = sql.poolStats();
        this.set({ state: "in_use" }, total - idle);
        this.set({ state: "idle" }, idle);
        this.set({ state: "waiting" }, waiting);
      },
    });
    setBatchObserver((loader, size) => this.batchSize.observe({ loader }, size));
    shareWithPrimary(this.registry);
  }

  /** The text of a scrape: this process's figures, or in a cluster, every worker's. */
  scrape(): Promise<string> {
    return scrape(this.registry);
  }

  /** The label for an operation: its name when well-formed and among the first names seen, else a bucket. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "invalid";
    if (this.knownOperations.has(name)) return name;
    if (this.knownOperations.size >= MAX_OPERATION_NAMES) return "other";
    this.knownOperations.add(name);
    return name;
  }
}
