/**
 * Opening the database the server uses: DATABASE_URL when set (with its read
 * replicas, DATABASE_REPLICA_URLS), else an embedded PostgreSQL under the
 * project's `.data/` folder. Migrations are applied on open, on the primary.
 */
import path from "node:path";
import type { DataSource } from "typeorm";
import { PROJECT_ROOT, type Config } from "../config";
import { logger } from "../observability/logger";
import { ensureDatabase, withDatabase, withStartupLock } from "./admin";
import { createDataSource } from "./data-source";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";

/** The database the app creates inside its embedded PostgreSQL. */
export const EMBEDDED_DATABASE_NAME = "isoc";

export interface Database {
  dataSource: DataSource;
  /** The primary's connection string (credentials included; never log it). */
  url: string;
  /** The embedded server, when this process started one. */
  embedded: EmbeddedPostgres | undefined;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

/**
 * Opens the database and applies pending migrations; then runs `prepare` (the
 * server seeds an empty database), both under the startup lock so that
 * instances starting together do it once.
 */
export async function openDatabase(config: Config, prepare?: (dataSource: DataSource) => Promise<void>): Promise<Database> {
  const started = Date.now();
  // The one phase that can take seconds before anything else is said: say it first.
  if (!config.databaseUrl) logger.info(`starting the embedded PostgreSQL (data in ${path.relative(PROJECT_ROOT, config.embeddedDataDir) || "."}; set DATABASE_URL to use another)`);
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.embeddedDataDir, port: config.embeddedPort, persistent: true });
  if (embedded) await ensureDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
  const url = embedded ? withDatabase(embedded.url, EMBEDDED_DATABASE_NAME) : config.databaseUrl!;
  const dataSource = createDataSource(
    url,
    { size: config.poolSize, connectTimeoutMs: config.dbConnectTimeoutMs, statementTimeoutMs: config.dbStatementTimeoutMs },
    config.databaseReplicaUrls,
  );
  try {
    await dataSource.initialize();
    await withStartupLock(url, async () => {
      const applied = await dataSource.runMigrations({ transaction: "each" });
      // Applying migrations is news; finding none to apply is not (and must not clutter a CLI's output).
      if (applied.length) logger.info({ applied: applied.length, ms: Date.now() - started }, `migrated: ${applied.length} migrations applied`);
      else logger.debug({ ms: Date.now() - started }, "migrations: up to date");
      await prepare?.(dataSource);
    });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    url,
    embedded,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
