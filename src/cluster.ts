/**
 * WORKERS=N: N server processes on one machine, sharing its port through
 * node:cluster, so one machine's cores all serve. The primary process serves
 * nothing itself. It prepares the database once (starts the embedded
 * PostgreSQL when DATABASE_URL is unset, applies migrations, seeds an empty
 * database), then forks the workers with the database's URL, restarts a
 * worker that dies (backing off while they keep dying young), and on SIGTERM
 * or SIGINT passes the signal on, so each worker drains its requests in flight
 * as a single server would, then stops the embedded PostgreSQL last.
 *
 * Workers share nothing in memory: each has its own pool (so N × DB_POOL_SIZE
 * connections), data version watcher and, with REDIS_URL, Redis client.
 * /metrics reports them all: the worker scraped asks the primary, which sums
 * every worker's registry (src/observability/cluster-metrics.ts).
 */
import cluster, { type Worker } from "node:cluster";
import type { Database } from "./db/database";
import { answerMetricsRequests } from "./observability/cluster-metrics";
import { logger } from "./observability/logger";

/** A worker that lived less than this died young: the next restart waits longer. */
const STABLE_AFTER_MS = 10_000;
const FIRST_RESTART_DELAY_MS = 100;
const MAX_RESTART_DELAY_MS = 30_000;

export interface ClusterOptions {
  workers: number;
  /** Opens (embedded engine, migrations, seed) the database the workers will use. */
  openDatabase(): Promise<Database>;
}

/** Runs the primary process: prepares the database, forks and watches the workers, stops them on a signal. */
export async function superviseWorkers({ workers, openDatabase }: ClusterOptions): Promise<void> {
  const database = await openDatabase();
  // The workers open pools of their own; the primary keeps only the embedded engine, if it started one.
  await database.dataSource.destroy();

  answerMetricsRequests();
  const startedAt = new Map<Worker, number>();
  const restarts = new Set<NodeJS.Timeout>();
  let youngDeaths = 0;
  let stopping = false;
  let failedStops = 0;
  const fork = () => startedAt.set(cluster.fork({ DATABASE_URL: database.url }), Date.now());

  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    listening += 1;
    if (listening === workers) logger.info({ workers }, `serving GraphQL at http://localhost:${address.port}/graphql`);
  });

  const allStopped = new Promise<void>((resolve) => {
    cluster.on("exit", (worker, code, signal) => {
      const lived = Date.now() - startedAt.get(worker)!;
      startedAt.delete(worker);
      if (stopping) {
        // A worker still starting has no handler yet and ends by the signal itself: it had nothing to drain.
        if (code !== 0 && signal === null) failedStops += 1;
        if (startedAt.size === 0) resolve();
        return;
      }
      youngDeaths = lived < STABLE_AFTER_MS ? youngDeaths + 1 : 0;
      const delayMs = Math.min(FIRST_RESTART_DELAY_MS * 2 ** youngDeaths, MAX_RESTART_DELAY_MS);
      logger.error({ pid: worker.process.pid, code, signal, restartInMs: delayMs }, "worker died; starting another");
      const restart = setTimeout(() => {
        restarts.delete(restart);
        fork();
      }, delayMs);
      restarts.add(restart);
    });
  });

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const restart of restarts) clearTimeout(restart);
    logger.info({ signal }, "stopping: every worker drains its requests in flight");
    for (const worker of startedAt.keys()) worker.process.kill(signal);
    try {
      if (startedAt.size > 0) await allStopped;
      await database.close();
      logger.info({ failedStops }, "stopped");
      process.exit(failedStops ? 1 : 0);
    } catch (error) {
      logger.error({ err: error }, "error while stopping");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  for (let i = 0; i < workers; i++) fork();
}
