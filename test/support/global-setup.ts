/**
 * Once per test run: a real PostgreSQL (DATABASE_URL's server when set, else an
 * embedded one), a fresh database on it, migrated and seeded. Workers reach it
 * through TEST_DATABASE_URL. The database is the project's own, made and
 * dropped by the run, so tests never touch data they did not make. And a Redis
 * (./redis.ts), reached through TEST_REDIS_URL.
 */
import os from "node:os";
import path from "node:path";
import { dropDatabase, ensureDatabase, withDatabase } from "../../src/db/admin";
import { createDataSource } from "../../src/db/data-source";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../src/db/embedded";
import { seedDatabase } from "../../src/seed/seed";
import { setUpRedis, type TestRedis } from "./redis";

declare global {
  var __TEST_DB__: { serverUrl: string; name: string; embedded?: EmbeddedPostgres } | undefined;
  var __TEST_REDIS__: TestRedis | undefined;
}

export default async function globalSetup(): Promise<void> {
  // First: a missing Redis stops the run at once, with one line saying what to install.
  globalThis.__TEST_REDIS__ = await setUpRedis();
  process.env.TEST_REDIS_URL = globalThis.__TEST_REDIS__.url;
  let serverUrl = process.env.DATABASE_URL;
  let embedded: EmbeddedPostgres | undefined;
  if (!serverUrl) {
    // Below the ephemeral range (32768–60999 on Linux), where ports other tests bind to 0 are taken from.
    const port = 22000 + (process.pid % 5000);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `isoc-test-pg-${process.pid}`), port, persistent: false });
    serverUrl = embedded.url;
  }
  const name = `isoc_test_${process.pid}`;
  await dropDatabase(serverUrl, name);
  await ensureDatabase(serverUrl, name);
  const url = withDatabase(serverUrl, name);
  const dataSource = createDataSource(url, { size: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  await seedDatabase(dataSource);
  await dataSource.destroy();

  process.env.TEST_SERVER_URL = serverUrl;
  process.env.TEST_DATABASE_URL = url;
  process.env.TEST_ENGINE = embedded ? "embedded" : "DATABASE_URL";
  globalThis.__TEST_DB__ = { serverUrl, name, embedded };
}
