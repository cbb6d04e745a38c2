/**
 * A real hot standby (initdb, pg_basebackup -R, pg_ctl; about 1.5 s to set up),
 * as deploy/postgres/ builds one: the data version is published only once the
 * standby has replayed it, what it then reads is the change, and a write sent
 * to it is refused. Needs PostgreSQL 15's server binaries; skipped without them.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { DataSource } from "typeorm";
import { createDataSource } from "../../src/db/data-source";
import { DataVersionWatcher } from "../../src/db/data-version-watcher";
import { SqlClient } from "../../src/db/sql";

const BIN = "/usr/lib/postgresql/15/bin";
const available = fs.existsSync(path.join(BIN, "pg_basebackup"));

/** PostgreSQL refuses to run as root; as root (CI) its tools run as the `postgres` user. */
function pgTool(tool: string, ...args: string[]): void {
  const command = path.join(BIN, tool);
  if (process.getuid?.() === 0) execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "ignore" });
  else execFileSync(command, args, { stdio: "ignore" });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

(available ? describe : describe.skip)(`a streaming replica (${available ? "" : "skipped: no "}PostgreSQL 15 binaries in ${BIN})`, () => {
  let dir: string;
  const started: string[] = [];
  let dataSource: DataSource;
  let sql: SqlClient;
  let primaryUrl: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "isoc-replication-"));
    if (process.getuid?.() === 0) execFileSync("chown", ["postgres", dir]);
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    const primary = path.join(dir, "primary");
    const replica = path.join(dir, "replica");
    const start = (data: string, port: number, ...settings: string[]) => {
      pgTool("pg_ctl", "-D", data, "-l", `${data}.log`, "-w", "-o", [`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, ...settings].join(" "), "start");
      started.push(data);
    };
    pgTool("initdb", "-D", primary, "-U", "postgres", "--auth=trust");
    fs.appendFileSync(path.join(primary, "pg_hba.conf"), "host replication all 127.0.0.1/32 trust\n");
    start(primary, primaryPort, "-c wal_level=replica");
    pgTool("pg_basebackup", "-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", replica, "-R", "--wal-method=stream", "--checkpoint=fast");
    start(replica, replicaPort, "-c hot_standby=on");

    primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    dataSource = createDataSource(primaryUrl, { size: 2 }, [`postgres://postgres@127.0.0.1:${replicaPort}/postgres`]);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: "each" });
    sql = SqlClient.fromDataSource(dataSource);
  }, 60_000);

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    for (const data of started.reverse()) pgTool("pg_ctl", "-D", data, "-m", "fast", "-w", "stop");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("publishes a new data version once the standby has replayed it, and the standby then reads the change", async () => {
    const watcher = new DataVersionWatcher(primaryUrl, sql.replicas());
    await watcher.start();
    try {
      await sql.primary().rows(`INSERT INTO region (slug, name) VALUES ('streamed', 'Streamed')`);
      const [{ version }] = await sql.primary().rows<{ version: string }>(`SELECT version::text FROM data_version`);
      for (let i = 0; i < 200 && watcher.version !== version; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(watcher.version).toBe(version);
      expect(await sql.rows(`SELECT name FROM region WHERE slug = 'streamed'`)).toEqual([{ name: "Streamed" }]);
    } finally {
      await watcher.stop();
    }
  });

  it("refuses a write sent to the standby instead of through sql.primary()", async () => {
    await expect(sql.rows(`INSERT INTO region (slug, name) VALUES ('misrouted', 'Misrouted')`)).rejects.toThrow(/read-only transaction/);
  });
});
