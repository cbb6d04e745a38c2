/**
 * `npm run bench`: the operations of bench/operations.ts against the large
 * synthetic data set, on servers over loopback:
 *   ours     — the API as it ships (response cache off: execution is measured);
 *   naive    — the same with DataLoader batching switched off (bench/naive-server.ts);
 *   baseline — bench/baseline.ts, one hand-written json_agg statement per operation;
 * and, as references beside the targets, ours with WORKERS=2 and ours with the response cache on.
 * For each: requests/s, p50 and p99 at 1 and 16 connections, SQL statements per
 * request (from the server's /metrics) and peak RSS. Writes bench/RESULTS.md.
 *
 * Database: DATABASE_URL's server (database isoc_bench) or, unset, an embedded
 * PostgreSQL under .data/bench-postgres; built once, reused by later runs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ensureDatabase, withDatabase } from "../src/db/admin";
import { createDataSource } from "../src/db/data-source";
import { startEmbeddedPostgres } from "../src/db/embedded";
import { isSeeded, seedDatabase } from "../src/seed/seed";
import { LARGE_DATASET, seedSyntheticDataset } from "../src/seed/synthetic-dataset";
import { OPERATIONS, type Operation } from "./operations";

const ROOT = path.resolve(__dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = [1, 16];
/**
 * The API as it ships, but measured executing: the response cache off, and an
 * anonymous budget the load generator cannot spend (every request still pays
 * for pricing and charging it; a spent budget would measure 429s).
 */
const API_ENV = { RESPONSE_CACHE: "off", RATE_LIMIT_ANONYMOUS: "1000000000000" };
/** The hand-written section of RESULTS.md that a run keeps (see main). */
const CHANGES_HEADING = "## Changes and their effect";

interface Measure {
  rps: number;
  p50: number;
  p99: number;
}
type Row = { server: string; operation: string; statements: number | null; byConnections: Record<number, Measure> };

async function prepareDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  let serverUrl = process.env.DATABASE_URL;
  let stop: () => Promise<void> = async () => undefined;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data/bench-postgres"), port: 54339, persistent: true });
    serverUrl = embedded.url;
    stop = embedded.stop;
  }
  await ensureDatabase(serverUrl, "isoc_bench");
  const url = withDatabase(serverUrl, "isoc_bench");
  const dataSource = createDataSource(url, { size: 2, statementTimeoutMs: 600_000 });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  if (!(await isSeeded(dataSource))) await seedDatabase(dataSource);
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM chapter WHERE slug LIKE 'synthetic-%'`);
  if (n < LARGE_DATASET.chapters) {
    const report = await seedSyntheticDataset(dataSource, LARGE_DATASET);
    console.log(`large data set generated in ${(report.ms / 1000).toFixed(1)} s`);
  }
  await dataSource.query("ANALYZE");
  await dataSource.destroy();
  return { url, stop };
}

async function startProcess(args: string[], env: Record<string, string>, port: number, readyPath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" }, stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 300; i++) {
    if (await fetch(`http://127.0.0.1:${port}${readyPath}`, { method: readyPath === "/readyz" ? "GET" : "POST" }).then((r) => r.ok, () => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`${args.join(" ")} did not start`);
}

async function stopProcess(child: ChildProcess): Promise<number> {
  const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
  const peakMb = Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  return Math.round(peakMb);
}

function load(url: string, op: Operation, connections: number): Promise<Measure> {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections, duration: SECONDS, method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: op.query, variables: op.variables }) },
      (error, result) => {
        if (error) return reject(error);
        if (result.non2xx || result.errors) return reject(new Error(`${url} ${op.name}: ${result.non2xx} non-2xx, ${result.errors} errors`));
        resolve({ rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 });
      },
    );
  });
}

/** Statements per request of an operation, from the server's own histogram. */
async function statementsPerRequest(port: number, op: Operation): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const label = /query (\w+)/.exec(op.query)![1];
  const value = (kind: string) => Number(new RegExp(`graphql_sql_statements_per_request_${kind}\\{operation="${label}"\\} (\\d+)`).exec(text)?.[1] ?? NaN);
  return Math.round((value("sum") / value("count")) * 10) / 10;
}

async function measureServer(name: string, port: number, isApi: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  for (const op of OPERATIONS) {
    const url = isApi ? `http://127.0.0.1:${port}/graphql` : `http://127.0.0.1:${port}/baseline/${op.name}`;
    const byConnections: Record<number, Measure> = {};
    for (const connections of CONNECTIONS) byConnections[connections] = await load(url, op, connections);
    rows.push({ server: name, operation: op.name, statements: isApi ? await statementsPerRequest(port, op) : 1, byConnections });
    console.log(name, op.name, JSON.stringify(byConnections));
  }
  return rows;
}

async function main(): Promise<void> {
  const database = await prepareDatabase();
  const results: Row[] = [];
  const peaks: Record<string, number> = {};
  const servers: [string, string[], Record<string, string>, string, boolean][] = [
    ["ours", [path.join(ROOT, "dist/src/main.js")], { DATABASE_URL: database.url, ...API_ENV }, "/readyz", true],
    ["naive", ["-r", "ts-node/register", path.join(ROOT, "bench/naive-server.ts")], { DATABASE_URL: database.url, ...API_ENV, TS_NODE_SWC: "true" }, "/readyz", true],
    ["baseline", ["-r", "ts-node/register", path.join(ROOT, "bench/baseline.ts")], { DATABASE_URL: database.url, TS_NODE_SWC: "true" }, "/baseline/node", false],
    // Two references beside the targets: the same server as two processes (node:cluster) on this machine,
    // and as it ships, with the response cache on (repeated queries are answered from it).
    ["workers", [path.join(ROOT, "dist/src/main.js")], { DATABASE_URL: database.url, ...API_ENV, WORKERS: "2" }, "/readyz", true],
    ["cached", [path.join(ROOT, "dist/src/main.js")], { DATABASE_URL: database.url, ...API_ENV, RESPONSE_CACHE: "on" }, "/readyz", true],
  ];
  let port = 4400;
  for (const [name, args, env, readyPath, isApi] of servers) {
    const child = await startProcess(args, env, ++port, readyPath);
    results.push(...(await measureServer(name, port, isApi)));
    peaks[name] = await stopProcess(child);
  }
  await database.stop();

  const find = (server: string, op: string) => results.find((r) => r.server === server && r.operation === op)!;
  const lines = OPERATIONS.map((op) => {
    const [ours, naive, base, workers, cached] = ["ours", "naive", "baseline", "workers", "cached"].map((s) => find(s, op.name));
    const cell = (r: Row, c: number) => `${r.byConnections[c].rps} / ${r.byConnections[c].p50} / ${r.byConnections[c].p99}`;
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    return `| ${op.name} | ${cell(ours, 1)} | ${cell(ours, 16)} | ${ours.statements} | ${cell(naive, 16)} | ${naive.statements} | ${cell(base, 16)} | ${ratio(ours.byConnections[16].rps, naive.byConnections[16].rps)}× | ${ratio(ours.byConnections[16].rps, base.byConnections[16].rps)} | ${ratio(ours.byConnections[16].p99, base.byConnections[16].p99)} | ${cell(workers, 16)} | ${cell(cached, 16)} |`;
  });
  const report = `# Benchmark results

Run ${new Date().toISOString()}: ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version},
PostgreSQL ${process.env.DATABASE_URL ? "at DATABASE_URL" : "embedded"}, loopback. Data: the seed plus \`seed:synthetic\` (${LARGE_DATASET.chapters} synthetic chapters,
${LARGE_DATASET.chapters * LARGE_DATASET.months} snapshots, ${LARGE_DATASET.programmes} programmes, ${LARGE_DATASET.chapters * LARGE_DATASET.participationsPerChapter} participations).
autocannon, ${SECONDS} s per cell; cells are requests/s / p50 ms / p99 ms. Response cache off (execution is measured).

| operation | ours, 1 conn | ours, 16 conn | ours SQL/req | naive, 16 conn | naive SQL/req | baseline, 16 conn | ours/naive req/s | ours/baseline req/s | ours/baseline p99 | ours, WORKERS=2, 16 conn | ours, response cache on, 16 conn |
|---|---|---|---:|---|---:|---|---:|---:|---:|---|---|
${lines.join("\n")}

The last two columns are references, not targets: \`WORKERS=2\` runs two server processes (node:cluster) on this
machine's 2 cores, which PostgreSQL and the load generator share; "response cache on" is the server as it
ships, answering repeated queries from its cache (every request is still authenticated, priced and charged).

Peak RSS (MB): ours ${peaks.ours}, naive ${peaks.naive}, baseline ${peaks.baseline}, cached ${peaks.cached} (WORKERS=2: the cluster's primary only, ${peaks.workers}).
`;
  // The record of what each change did is written by hand below the table; a new run keeps it.
  const file = path.join(ROOT, "bench", "RESULTS.md");
  const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const changes = previous.indexOf(CHANGES_HEADING);
  fs.writeFileSync(file, changes >= 0 ? `${report}\n${previous.slice(changes)}` : report);
  console.log(report);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
