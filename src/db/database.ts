/**
 * Opening the database the server uses: DATABASE_URL when set, else an embedded
 * PostgreSQL under the project's `.data/` folder. Migrations are applied on open.
 */
import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { ensureDatabase, withDatabase } from "./admin";
import { createDataSource } from "./data-source";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";

/** The database the app creates inside its embedded PostgreSQL. */
export const EMBEDDED_DATABASE_NAME = "isoc";

export interface Database {
  dataSource: DataSource;
  /** The connection string in use (credentials included; never log it). */
  url: string;
  /** The embedded server, when this process started one. */
  embedded: EmbeddedPostgres | undefined;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

export async function openDatabase(config: Config): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.embeddedDataDir, port: config.embeddedPort, persistent: true });
    await ensureDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
    url = withDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
  }
  const dataSource = createDataSource(url, {
    size: config.poolSize,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    statementTimeoutMs: config.dbStatementTimeoutMs,
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: "each" });
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
