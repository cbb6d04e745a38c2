import { Client } from "pg";

/** The same server as `url`, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates `database` on the server of `url` unless it exists (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(url: string, database: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Drops `database` on the server of `url`, closing its connections first. */
export async function dropDatabase(url: string, database: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` while holding a PostgreSQL advisory lock on the server of `url`
 * (on a connection of its own, so `work` may use any pool). Instances that
 * start together (`docker compose up --scale api=3`, the workers of WORKERS)
 * take turns: one applies the migrations and seeds, the others then find
 * nothing left to do, instead of racing to create the same tables.
 */
export async function withStartupLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: "isoc-open-data-api:startup" });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('isoc-open-data-api:startup'))`);
    return await work();
  } finally {
    // Ending the session releases the lock, also when `work` threw.
    await client.end();
  }
}
