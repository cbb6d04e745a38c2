/**
 * `npm run bench:export`: exports at least a million membership snapshots as
 * CSV through GET /export/membership.csv over loopback, and records rows per
 * second and the server's peak memory.
 *
 * A scratch database is made for the run on the server of DATABASE_URL (else
 * the local PostgreSQL at 127.0.0.1:5432), migrated, seeded, and grown with
 * generated chapters and ten years of monthly snapshots (generate_series),
 * every generated row citing the synthetic source; it is dropped at the end.
 * The export routes run in a child process of compiled code (dist/, which the
 * npm script builds first), so the memory measured is the server's alone, not
 * a TypeScript compiler's: its RSS sampled every 20 ms and the kernel's
 * high-water mark (VmHWM), read after a ~100,000-row export and again after
 * each full one. Flat memory means the peak does not grow with the rows.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import { PROJECT_ROOT } from "../src/config";
import { dropDatabase, ensureDatabase, withDatabase } from "../src/db/admin";
import { createDataSource } from "../src/db/data-source";
import { seedDatabase } from "../src/seed/seed";
import { SYNTHETIC_MEMBERSHIP_SOURCE } from "../src/seed/synthetic-membership";

const SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DATABASE = `isoc_bench_export_${process.pid}`;
/** Generated chapters; with 120 monthly snapshots each, and the seed's own, just over a million rows. */
const GENERATED_CHAPTERS = 8334;
const MONTHS = 120;

/** The server: the export routes alone on express, on a free loopback port it prints; it stops when its standard input closes. */
const SERVER_SOURCE = `
  const express = require("express");
  const { createDataSource } = require("./dist/src/db/data-source");
  const { SqlClient } = require("./dist/src/db/sql");
  const { exportRoutes } = require("./dist/src/http/export.routes");
  const dataSource = createDataSource(process.argv[1], { size: 4 });
  dataSource.initialize().then(() => {
    const app = express();
    app.use(exportRoutes(SqlClient.fromDataSource(dataSource)));
    const server = app.listen(0, "127.0.0.1", () => process.stdout.write(JSON.stringify({ port: server.address().port }) + "\\n"));
  });
  process.stdin.resume();
  process.stdin.once("end", () => process.exit(0));
`;

/** Migrates and seeds the scratch database, then adds the generated chapters and their snapshots. */
async function prepare(url: string): Promise<{ rows: number; version: string }> {
  const dataSource = createDataSource(url, { size: 2, statementTimeoutMs: 600_000 });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: "each" });
    await seedDatabase(dataSource);
    const [{ id: syntheticSource }] = await dataSource.query(`SELECT id FROM source WHERE url = $1`, [SYNTHETIC_MEMBERSHIP_SOURCE.url]);
    await dataSource.query(
      `INSERT INTO chapter (slug, name, kind, status, country_code, region_id, source_id, evidence_note)
       SELECT 'bench-' || lpad(i::text, 5, '0'), 'Bench Chapter ' || i, 'chapter', 'active',
              (SELECT code FROM country ORDER BY code OFFSET i % 200 LIMIT 1), (SELECT id FROM region ORDER BY id OFFSET i % 6 LIMIT 1), $1,
              'Generated for the export benchmark; not a real chapter'
         FROM generate_series(1, $2::int) AS i`,
      [syntheticSource, GENERATED_CHAPTERS],
    );
    await dataSource.query(
      `INSERT INTO membership_snapshot (chapter_id, taken_on, individual_members, organization_members, source_id)
       SELECT c.id, ('2016-01-01'::date + make_interval(months => k))::date, 20 + (c.id * 7 + k * 3) % 600, (c.id + k) % 25, $1
         FROM chapter c CROSS JOIN generate_series(0, $2::int - 1) AS k
        WHERE c.slug LIKE 'bench-%'
        ORDER BY c.id, k`,
      [syntheticSource, MONTHS],
    );
    await dataSource.query(`VACUUM ANALYZE membership_snapshot`);
    const [{ rows, version }] = await dataSource.query(`SELECT count(*)::int AS rows, current_setting('server_version') AS version FROM membership_snapshot`);
    return { rows, version };
  } finally {
    await dataSource.destroy();
  }
}

function startServer(url: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["-e", SERVER_SOURCE, url], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: "warn" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`export server exited with ${code}`)));
    child.stdout!.once("data", (chunk: Buffer) => {
      resolve({ child, port: JSON.parse(chunk.toString("utf8")).port });
      child.stdout!.pipe(process.stderr); // the server's log lines, if it has any to say
    });
  });
}

/** The child's memory from /proc, in MiB: resident now, and the highest it has been (VmHWM). */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const mib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]) / 1024;
  return { rss: mib("VmRSS"), hwm: mib("VmHWM") };
}

interface Run {
  path: string;
  rows: number;
  bytes: number;
  seconds: number;
  sampledPeakRss: number;
  hwmAfter: number;
}

/** Downloads `path`, counting lines and bytes (nothing kept), while sampling the server's RSS. */
function download(port: number, pid: number, path: string, headerLines: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    let sampledPeakRss = memoryOf(pid).rss;
    const sampler = setInterval(() => {
      try {
        sampledPeakRss = Math.max(sampledPeakRss, memoryOf(pid).rss);
      } catch {
        clearInterval(sampler);
        reject(new Error(`the export server (pid ${pid}) is gone`));
      }
    }, 20);
    const started = process.hrtime.bigint();
    http.get({ host: "127.0.0.1", port, path }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${path}: HTTP ${res.statusCode}`));
      let lines = 0;
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
      });
      res.on("end", () => {
        clearInterval(sampler);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        resolve({ path, rows: lines - headerLines, bytes, seconds, sampledPeakRss, hwmAfter: memoryOf(pid).hwm });
      });
      res.on("error", reject);
    }).on("error", reject);
  });
}

async function main(): Promise<void> {
  const machine = {
    cpus: `${os.cpus().length} × ${os.cpus()[0].model}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
  };
  await dropDatabase(SERVER_URL, DATABASE);
  await ensureDatabase(SERVER_URL, DATABASE);
  const url = withDatabase(SERVER_URL, DATABASE);
  let server: { child: ChildProcess; port: number } | undefined;
  try {
    const prepareStarted = Date.now();
    const { rows: total, version } = await prepare(url);
    console.log(`scratch database ${DATABASE}: ${total} membership snapshots (made in ${((Date.now() - prepareStarted) / 1000).toFixed(1)} s)`);

    server = await startServer(url);
    const pid = server.child.pid!;
    const idle = memoryOf(pid);
    const runs: Run[] = [];
    // About 100,000 rows (the first year of every chapter), then the whole table, three times, then the other formats.
    runs.push(await download(server.port, pid, "/export/membership.csv?to=2016-12-31", 1));
    for (let i = 0; i < 3; i++) runs.push(await download(server.port, pid, "/export/membership.csv", 1));
    runs.push(await download(server.port, pid, "/export/membership.ndjson", 0));
    runs.push(await download(server.port, pid, "/export/membership.json", 2));
    for (const run of runs.slice(1)) if (run.rows !== total) throw new Error(`${run.path} sent ${run.rows} rows; the table has ${total}`);

    console.log(`\nmachine: ${machine.cpus}; ${machine.memory}; Node ${machine.node}; PostgreSQL ${version}`);
    console.log(`server RSS when idle (after start): ${idle.rss.toFixed(1)} MiB\n`);
    console.log("| export | rows | MiB sent | seconds | rows/s | peak RSS sampled (MiB) | VmHWM after (MiB) |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const run of runs) {
      console.log(
        `| \`${run.path}\` | ${run.rows.toLocaleString("en")} | ${(run.bytes / 2 ** 20).toFixed(1)} | ${run.seconds.toFixed(2)} | ` +
          `${Math.round(run.rows / run.seconds).toLocaleString("en")} | ${run.sampledPeakRss.toFixed(1)} | ${run.hwmAfter.toFixed(1)} |`,
      );
    }
  } finally {
    server?.child.removeAllListeners("exit");
    server?.child.stdin!.end();
    await dropDatabase(SERVER_URL, DATABASE);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
