/**
 * DATABASE_REPLICA_URLS: plain reads (GraphQL, exports) go to the replicas in
 * turn; `sql.primary()`, TypeORM, writes and read-after-write stay on the
 * primary; the response cache's data version waits for the replicas.
 *
 * The "replicas" are copies of a scratch primary (CREATE DATABASE … TEMPLATE),
 * each then changed by one UPDATE, so the data a read returns says where it was read.
 */
import { Client } from "pg";
import type { DataSource } from "typeorm";
import { dropDatabase, withDatabase } from "../../src/db/admin";
import { createDataSource } from "../../src/db/data-source";
import { DataVersionWatcher } from "../../src/db/data-version-watcher";
import { SqlClient } from "../../src/db/sql";
import { Chapter } from "../../src/entities/chapter.entity";
import type { HttpServer } from "../../src/http/app";
import { createScratchDatabase, testServerUrl, type ScratchDatabase } from "../import/scratch-database";
import { serveHttp } from "../support/harness";

const PRIMARY_NAME = "Benin Chapter";
const REPLICA_NAMES = ["Benin Chapter (replica A)", "Benin Chapter (replica B)"];

let primary: ScratchDatabase;
let replicaUrls: string[];
let replicated: DataSource;
let sql: SqlClient;
let http: { base: string; server: HttpServer };

/** Runs `statements` on the database of `url` through a connection of the test's own. */
async function execute(url: string, ...statements: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

const databaseName = (url: string) => new URL(url).pathname.slice(1);

beforeAll(async () => {
  primary = await createScratchDatabase("isoc_replication");
  // CREATE DATABASE … TEMPLATE copies a database nobody is connected to.
  await primary.dataSource.destroy();
  replicaUrls = REPLICA_NAMES.map((_, i) => withDatabase(primary.url, `${databaseName(primary.url)}_replica${i}`));
  for (const [i, url] of replicaUrls.entries()) {
    await execute(testServerUrl(), `CREATE DATABASE "${databaseName(url)}" TEMPLATE "${databaseName(primary.url)}"`);
    // As a replica replays changes: with triggers off, so its data version stays the primary's.
    await execute(url, "SET session_replication_role = replica", `UPDATE chapter SET name = '${REPLICA_NAMES[i]}' WHERE slug = 'benin'`);
  }
  await primary.dataSource.initialize();

  replicated = createDataSource(primary.url, { size: 2 }, replicaUrls);
  await replicated.initialize();
  sql = SqlClient.fromDataSource(replicated);
  http = await serveHttp({ sql, dataSource: replicated });
}, 60_000);

afterAll(async () => {
  await http?.server.stop();
  if (replicated?.isInitialized) await replicated.destroy();
  for (const url of replicaUrls ?? []) await dropDatabase(testServerUrl(), databaseName(url));
  await primary?.drop();
});

const beninName = async (client: SqlClient) => (await client.rows<{ name: string }>(`SELECT name FROM chapter WHERE slug = 'benin'`))[0].name;

describe("with DATABASE_REPLICA_URLS", () => {
  it("sends plain reads to the replicas in turn", async () => {
    const names = [await beninName(sql), await beninName(sql), await beninName(sql), await beninName(sql)];
    expect(names).toEqual([...REPLICA_NAMES, ...REPLICA_NAMES]);
  });

  it("answers GraphQL and exports from a replica", async () => {
    const response = await fetch(`${http.base}/graphql?query=${encodeURIComponent(`{ chapter(slug: "benin") { name } }`)}`);
    expect(REPLICA_NAMES).toContain((await response.json()).data.chapter.name);

    const csv = await (await fetch(`${http.base}/export/chapters.csv`)).text();
    expect(REPLICA_NAMES.some((name) => csv.includes(name))).toBe(true);
    expect(csv).not.toContain(`,${PRIMARY_NAME},`);
  });

  it("reads and writes on the primary through sql.primary(), and reads the write back there only", async () => {
    expect(await beninName(sql.primary())).toBe(PRIMARY_NAME);

    await sql.primary().rows(`UPDATE chapter SET name = 'Benin (written)' WHERE slug = 'benin'`);
    expect(await beninName(sql.primary())).toBe("Benin (written)");
    expect(REPLICA_NAMES).toContain(await beninName(sql));

    const inTransaction = await sql.primary().withClient(async (client) => {
      await client.query("BEGIN");
      await client.query(`UPDATE chapter SET name = $1 WHERE slug = 'benin'`, [PRIMARY_NAME]);
      const { rows } = await client.query(`SELECT name FROM chapter WHERE slug = 'benin'`);
      await client.query("COMMIT");
      return rows[0].name;
    });
    expect(inTransaction).toBe(PRIMARY_NAME);
    expect(await beninName(sql.primary())).toBe(PRIMARY_NAME);
  });

  it("keeps TypeORM (migrations, seed, imports) on the primary", async () => {
    expect((await replicated.getRepository(Chapter).findOneByOrFail({ slug: "benin" })).name).toBe(PRIMARY_NAME);
    const [row] = await replicated.query(`SELECT name FROM chapter WHERE slug = 'benin'`);
    expect(row.name).toBe(PRIMARY_NAME);
  });

  it("reports the replicas in /readyz", async () => {
    const response = await fetch(`${http.base}/readyz`);
    expect(response.status).toBe(200);
    expect((await response.json()).checks).toEqual({ postgres: "ok", migrations: "ok", replicas: "ok" });
  });
});

describe("the data version, with replicas", () => {
  const version = async (url: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT version::text FROM data_version WHERE id = 1`);
    await client.end();
    return rows[0].version as string;
  };
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it("is unknown (cache bypassed) after a change until every replica has replayed it", async () => {
    for (const url of replicaUrls) await execute(url, `UPDATE data_version SET version = ${await version(primary.url)}`);
    const watcher = new DataVersionWatcher(primary.url, sql.replicas());
    await watcher.start();
    try {
      const before = await version(primary.url);
      await until(() => watcher.version !== null);
      expect(watcher.version).toBe(before);

      await execute(primary.url, `UPDATE chapter SET evidence_note = coalesce(evidence_note, '') || '.' WHERE slug = 'benin'`);
      const after = await version(primary.url);
      expect(BigInt(after)).toBeGreaterThan(BigInt(before));
      await until(() => watcher.version !== before);
      expect(watcher.version).toBeNull();

      // "Replay" the change on one replica: still unknown; on both: published.
      await execute(replicaUrls[0], `UPDATE data_version SET version = ${after}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(watcher.version).toBeNull();
      await execute(replicaUrls[1], `UPDATE data_version SET version = ${after}`);
      await until(() => watcher.version !== null);
      expect(watcher.version).toBe(after);
    } finally {
      await watcher.stop();
    }
  });
});
