/**
 * The "naive" reference server of `npm run bench`: the API as it ships, but
 * with DataLoader batching switched off, so every relation field sends its own
 * statement (N+1). It measures what batching is worth; the switch is injected
 * here (AppDeps.loaderOptions) and never read by the production entry point.
 * Configured like `npm start` (PORT, DATABASE_URL, RATE_LIMIT_*), without the
 * response cache, Redis or workers.
 */
import "reflect-metadata";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/db/database";
import { SqlClient } from "../src/db/sql";
import { startHttpServer } from "../src/http/app";
import { Budgets } from "../src/rate-limit/budgets";

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  await startHttpServer(
    {
      sql: SqlClient.fromDataSource(database.dataSource),
      dataSource: database.dataSource,
      budgets: new Budgets({ points: config.budgets, windowSeconds: config.budgetWindowSeconds }),
      loaderOptions: { batching: false },
    },
    { port: config.port, host: config.host, shutdownTimeoutMs: config.shutdownTimeoutMs },
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
