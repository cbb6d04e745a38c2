/**
 * A database of a test file's own, for tests that write: made on the test
 * server (TEST_SERVER_URL, set by jest's globalSetup), migrated and seeded,
 * dropped at the end, so writes never disturb the shared seeded database other
 * test files read in parallel.
 */
import type { DataSource } from "typeorm";
import { dropDatabase, ensureDatabase, withDatabase } from "../../src/db/admin";
import { createDataSource } from "../../src/db/data-source";
import { SqlClient } from "../../src/db/sql";
import { seedDatabase } from "../../src/seed/seed";

export interface ScratchDatabase {
  url: string;
  dataSource: DataSource;
  sql: SqlClient;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** The PostgreSQL server of the test run (its `postgres` database's URL). */
export function testServerUrl(): string {
  const url = process.env.TEST_SERVER_URL;
  if (!url) throw new Error("TEST_SERVER_URL is unset: run the tests with `npm test` (jest's globalSetup sets it).");
  return url;
}

/** A new database named `name` (per test file and process), migrated and seeded. */
export async function createScratchDatabase(name: string): Promise<ScratchDatabase> {
  const database = `${name}_${process.pid}`;
  await dropDatabase(testServerUrl(), database);
  await ensureDatabase(testServerUrl(), database);
  const url = withDatabase(testServerUrl(), database);
  const dataSource = createDataSource(url, { size: 4 });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  await seedDatabase(dataSource);
  return {
    url,
    dataSource,
    sql: SqlClient.fromDataSource(dataSource),
    async drop() {
      await dataSource.destroy();
      await dropDatabase(testServerUrl(), database);
    },
  };
}

/**
 * Per table: its row count and a digest of every row version. `xmin` changes
 * whenever a row is rewritten, even to equal values, so equal fingerprints mean
 * nothing was inserted, updated or deleted.
 */
export async function fingerprint(dataSource: DataSource): Promise<Record<string, string>> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations' ORDER BY tablename`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await dataSource.query(
      `SELECT count(*) || ':' || coalesce(md5(string_agg(t.xmin::text || (t.*)::text, '|' ORDER BY (t.*)::text)), '') AS digest FROM "${name}" t`,
    );
    result[name] = row.digest;
  }
  return result;
}
