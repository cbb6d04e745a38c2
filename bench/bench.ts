/**
 * `npm run bench`: the operations of bench/operations.ts against the large
 * synthetic data set, on servers over loopback, all running at once and
 * measured in turn:
 *   ours         — the API as a deployment runs it (NODE_ENV=production), response cache off: execution is measured;
 *   PostGraphile — the peer (bench/postgraphile.ts) on a copy of the same database;
 *   baseline     — bench/baseline.ts, one hand-written json_agg statement per operation;
 *   naive        — ours with DataLoader batching switched off;
 * and, as references beside the targets, ours with WORKERS=2 and ours with the response cache on.
 *
 * Before timing, every server's answer to every operation is compared, field by
 * field, with ours (PostGraphile's mapped into ours' shape); any difference stops
 * the run. Then BENCH_ROUNDS rounds: in each, every cell (an operation at 16
 * connections; the listing and memberStats also at 1) is run for BENCH_SECONDS
 * on each server in turn, the order reversed every other round, so that load
 * from elsewhere on the machine falls on all servers alike. Per server and cell,
 * over all rounds: requests/s, p50 and p99 (of every response), server CPU ms
 * per request (the process tree's utime + stime ÷ requests), PostgreSQL CPU ms
 * per request (the same for the backends serving that server, see bench/cpu.ts),
 * and SQL statements per request (each server's own count, over a few requests
 * sent one at a time). Writes bench/RESULTS.md, keeping its hand-written
 * "Changes and their effect" section.
 *
 * Database: DATABASE_URL's server (database isoc_bench, and isoc_bench_pg, a
 * fresh copy of it for PostGraphile, each run) or, unset, an embedded
 * PostgreSQL under .data/bench-postgres; isoc_bench is built once, reused by later runs
 * (`npm run bench -- --prepare` builds both databases and stops there).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { Client } from "pg";
import { ensureDatabase, withDatabase } from "../src/db/admin";
import { createDataSource } from "../src/db/data-source";
import { startEmbeddedPostgres } from "../src/db/embedded";
import { isSeeded, seedDatabase } from "../src/seed/seed";
import { LARGE_DATASET, seedSyntheticDataset } from "../src/seed/synthetic-dataset";
import { BASELINE_SQL } from "./baseline";
import { cpuMsBetween, sampleBackends, sampleProcessTree, withApplicationName, type CpuSample } from "./cpu";
import { OPERATIONS, type Operation } from "./operations";
import { PEER_OPERATIONS } from "./postgraphile";

const ROOT = path.resolve(__dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** Operations also measured at 1 connection (latency of one caller). */
const AT_ONE_CONNECTION = new Set(["listing", "memberStats"]);
const PEER_DATABASE = "isoc_bench_pg";
const PEER_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/postgraphile/package.json"), "utf8")) as { version: string }).version;
/**
 * The API as a deployment runs it, but measured executing: the response cache
 * off, and an anonymous budget the load generator cannot spend (every request
 * still pays for pricing and charging it; a spent budget would measure 429s).
 * A request waits for a pooled connection up to DB_CONNECT_TIMEOUT_MS; at 2 s
 * (the default, to fail fast in an outage) the naive server's 289 statements
 * per listing answered 503 on a loaded machine, so the benchmark waits longer.
 */
const API_ENV = { NODE_ENV: "production", RESPONSE_CACHE: "off", RATE_LIMIT_ANONYMOUS: "1000000000000", DB_CONNECT_TIMEOUT_MS: "30000" };
/** The hand-written section of RESULTS.md that a run keeps (see main). */
const CHANGES_HEADING = "## Changes and their effect";

type Json = Record<string, unknown>;

interface Server {
  name: string;
  /** Starts it on `port`, its connections to PostgreSQL named `applicationName`. */
  start(urls: DatabaseUrls, port: number): ChildProcess;
  /** Where and what to send for an operation; null when this server has no equivalent. */
  request(op: Operation): { path: string; body: string } | null;
  /** The answer's `data` in ours' shape, to compare with ours. */
  toOurs(op: Operation, data: Json): Json;
  /** Statements this server has sent so far. */
  statements(port: number): Promise<number>;
}
interface Running {
  server: Server;
  child: ChildProcess;
  port: number;
}
interface DatabaseUrls {
  ours: string;
  peer: string;
}

/** A server's connections to PostgreSQL carry its name, so that its backends can be told apart (bench/cpu.ts). */
const applicationName = (server: string) => `bench-${server}`;
/** `url` with the connections named after `server`. */
const named = (url: string, server: string) => withApplicationName(url, applicationName(server));

function nodeProcess(args: string[], env: Record<string, string>, port: number): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Statements ours has sent, from its per-request histogram in /metrics (summed over operations). */
async function ourStatements(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return [...text.matchAll(/^graphql_sql_statements_per_request_sum\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

function ourServer(name: string, env: Record<string, string>): Server {
  return {
    name,
    // As `npm start` runs it (package.json): V8's young generation sized by measurement (bench/RESULTS.md).
    start: (urls, port) => nodeProcess(["--max-semi-space-size=16", path.join(ROOT, "dist/src/main.js")], { DATABASE_URL: named(urls.ours, name), ...API_ENV, ...env }, port),
    request: (op) => ({ path: "/graphql", body: JSON.stringify({ query: op.query, variables: op.variables }) }),
    toOurs: (_op, data) => data,
    // With WORKERS each worker answers /metrics with its own counts (README), so two readings may come from different workers.
    statements: env.WORKERS ? async () => NaN : ourStatements,
  };
}

/**
 * Ours with DataLoader batching switched off (one statement per relation field
 * and row): what batching is worth. Kept to this one function so that how the
 * switch is passed can change in one place.
 */
function naiveServer(): Server {
  return {
    ...ourServer("naive", {}),
    start: (urls, port) =>
      nodeProcess(["-r", "ts-node/register", path.join(ROOT, "bench/naive-server.ts")], { DATABASE_URL: named(urls.ours, "naive"), ...API_ENV, TS_NODE_SWC: "true" }, port),
  };
}

const counted = (route: string) => async (port: number) => Number(await (await fetch(`http://127.0.0.1:${port}${route}`)).text());

const SERVERS: Server[] = [
  ourServer("ours", {}),
  {
    name: "PostGraphile",
    start: (urls, port) => nodeProcess(["-r", "ts-node/register", path.join(ROOT, "bench/postgraphile.ts")], { DATABASE_URL: named(urls.peer, "PostGraphile"), NODE_ENV: "production", TS_NODE_SWC: "true" }, port),
    request: (op) => (PEER_OPERATIONS[op.name] ? { path: "/graphql", body: JSON.stringify({ query: PEER_OPERATIONS[op.name].query }) } : null),
    toOurs: (op, data) => PEER_OPERATIONS[op.name].toOurs(data),
    statements: counted("/bench/statements"),
  },
  {
    name: "baseline",
    start: (urls, port) => nodeProcess(["-r", "ts-node/register", path.join(ROOT, "bench/baseline.ts")], { DATABASE_URL: named(urls.ours, "baseline"), NODE_ENV: "production", TS_NODE_SWC: "true" }, port),
    request: (op) => (BASELINE_SQL[op.name] ? { path: `/baseline/${op.name}`, body: "{}" } : null),
    toOurs: (_op, data) => data,
    statements: counted("/baseline/statements"),
  },
  naiveServer(),
  // Two references beside the targets: the same server as two processes (node:cluster) on this machine,
  // and as it ships, with the response cache on (repeated queries are answered from it).
  ourServer("WORKERS=2", { WORKERS: "2" }),
  ourServer("cache on", { RESPONSE_CACHE: "on" }),
];

async function prepareDatabase(): Promise<{ urls: DatabaseUrls; stop: () => Promise<void> }> {
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
  return { urls: { ours: url, peer: await copyForPeer(serverUrl) }, stop };
}

/**
 * A fresh copy of isoc_bench (same rows, same statistics) with the functions
 * PostGraphile needs (bench/postgraphile.sql), made on every run so that it
 * always holds what isoc_bench holds.
 */
async function copyForPeer(serverUrl: string): Promise<string> {
  const admin = new Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${PEER_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PEER_DATABASE} TEMPLATE isoc_bench`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, PEER_DATABASE);
  const copy = new Client({ connectionString: url });
  await copy.connect();
  try {
    await copy.query(fs.readFileSync(path.join(ROOT, "bench/postgraphile.sql"), "utf8"));
  } finally {
    await copy.end();
  }
  return url;
}

async function post(port: number, request: { path: string; body: string }): Promise<Json> {
  const response = await fetch(`http://127.0.0.1:${port}${request.path}`, { method: "POST", headers: { "content-type": "application/json" }, body: request.body });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${request.path} on ${port}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as Json;
}

async function start(server: Server, urls: DatabaseUrls, port: number): Promise<Running> {
  const child = server.start(urls, port);
  const probe = server.request(OPERATIONS.find((op) => server.request(op))!)!;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) break;
    if (await post(port, probe).then(() => true, () => false)) return { server, child, port };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`${server.name} did not start`);
}

async function stop(running: Running): Promise<number> {
  const status = fs.readFileSync(`/proc/${running.child.pid}/status`, "utf8");
  const peakMb = Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
  running.child.kill("SIGTERM");
  if (running.child.exitCode === null) await new Promise((resolve) => running.child.once("exit", resolve));
  return Math.round(peakMb);
}

/** The first place where two answers differ ("" when they hold the same data), comparing objects by keys, not key order. */
function difference(ours: unknown, theirs: unknown, at = "data"): string {
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    if (ours.length !== theirs.length) return `${at}: ${ours.length} items in ours, ${theirs.length} in theirs`;
    for (let i = 0; i < ours.length; i++) {
      const d = difference(ours[i], theirs[i], `${at}[${i}]`);
      if (d) return d;
    }
    return "";
  }
  if (ours && theirs && typeof ours === "object" && typeof theirs === "object" && !Array.isArray(ours) && !Array.isArray(theirs)) {
    const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
    for (const key of keys) {
      const d = difference((ours as Json)[key], (theirs as Json)[key], `${at}.${key}`);
      if (d) return d;
    }
    return "";
  }
  return ours === theirs ? "" : `${at}: ${JSON.stringify(ours)} in ours, ${JSON.stringify(theirs)} in theirs`;
}

/** Every server's answer to every operation it has, compared with ours; throws at the first difference. */
async function verifyAnswers(running: Running[]): Promise<void> {
  const [ours, ...others] = running;
  for (const op of OPERATIONS) {
    const answer = await post(ours.port, ours.server.request(op)!);
    if (answer.errors || !answer.data) throw new Error(`ours, ${op.name}: ${JSON.stringify(answer.errors)}`);
    for (const other of others) {
      const request = other.server.request(op);
      if (!request) continue;
      const theirs = await post(other.port, request);
      if (theirs.errors || !theirs.data) throw new Error(`${other.server.name}, ${op.name}: ${JSON.stringify(theirs.errors)}`);
      const d = difference(answer.data, other.server.toOurs(op, theirs.data as Json));
      if (d) throw new Error(`${other.server.name} and ours answer ${op.name} differently: ${d}`);
    }
  }
  log(`answers verified: ${others.map((o) => o.server.name).join(", ")} hold the same data as ours for every operation they answer`);
}

/**
 * Statements per request: each server's own count over a few requests sent
 * one at a time; and how long one of them took (ms), which sizes the cells.
 */
async function probe(running: Running, op: Operation): Promise<{ statements: number; ms: number }> {
  const request = running.server.request(op)!;
  const count = 3;
  const before = await running.server.statements(running.port);
  const started = performance.now();
  for (let i = 0; i < count; i++) await post(running.port, request);
  const ms = (performance.now() - started) / count;
  return { statements: Math.round((((await running.server.statements(running.port)) - before) / count) * 10) / 10, ms };
}

/**
 * A cell's length: BENCH_SECONDS, or, for an operation so slow that few
 * responses would complete in that time, about three requests' worth per
 * connection slot (twice that under 16 connections, which queue), at most 10 s.
 */
function cellSeconds(sequentialMs: number, connections: number): number {
  return Math.max(SECONDS, Math.min(10, Math.ceil((3 * sequentialMs * (connections > 1 ? 2 : 1)) / 1000)));
}

interface Totals {
  /** The time of every response (ms). */
  latencies: number[];
  responses: number;
  sent: number;
  seconds: number;
  serverMs: number;
  postgresMs: number;
}
type Key = `${string}|${string}|${number}`;

/** CPU of the server's processes and of its PostgreSQL backends at one moment. */
async function sampleCpu(monitor: Client, running: Running): Promise<{ server: CpuSample; postgres: CpuSample }> {
  return { server: sampleProcessTree(running.child.pid!), postgres: await sampleBackends(monitor, applicationName(running.server.name)) };
}

/**
 * Waits until the requests still in flight when the load stopped are done: two
 * polls in a row in which the server and its backends used at most one clock
 * tick (an idle process's timers), for at most 15 s.
 */
async function drain(monitor: Client, running: Running): Promise<void> {
  let last = await sampleCpu(monitor, running);
  let quiet = 0;
  for (let i = 0; i < 150 && quiet < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await sampleCpu(monitor, running);
    quiet = cpuMsBetween(last.server, now.server) + cpuMsBetween(last.postgres, now.postgres) <= 10 ? quiet + 1 : 0;
    last = now;
  }
}

function load(port: number, request: { path: string; body: string }, connections: number, seconds: number, onResponse?: (ms: number) => void) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}${request.path}`, connections, duration: seconds, timeout: 60, method: "POST", headers: { "content-type": "application/json" }, body: request.body },
      (error, result) => {
        if (error) return reject(error);
        if (result.non2xx || result.errors) return reject(new Error(`${request.path} on ${port}: ${result.non2xx} non-2xx, ${result.errors} errors`));
        resolve(result);
      },
    );
    if (onResponse) instance.on("response", (_client, _status, _bytes, ms) => onResponse(ms));
  });
}

async function measureCell(monitor: Client, running: Running, op: Operation, connections: number, seconds: number, totals: Totals): Promise<void> {
  const before = await sampleCpu(monitor, running);
  const started = performance.now();
  const result = await load(running.port, running.server.request(op)!, connections, seconds, (ms) => totals.latencies.push(ms));
  totals.seconds += (performance.now() - started) / 1000;
  totals.responses += result.requests.total;
  // Every request sent is served to the end even when the load stops mid-way; its CPU is counted, so it is too.
  totals.sent += result.requests.sent;
  await drain(monitor, running);
  const after = await sampleCpu(monitor, running);
  totals.serverMs += cpuMsBetween(before.server, after.server);
  totals.postgresMs += cpuMsBetween(before.postgres, after.postgres);
}

interface Row {
  server: string;
  operation: string;
  connections: number;
  rps: number;
  /** Responses the percentiles are over. */
  responses: number;
  p50: number;
  p99: number;
  serverMs: number;
  postgresMs: number;
  statements: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

const begun = performance.now();
const log = (message: string) => console.log(`[${Math.round((performance.now() - begun) / 1000)} s] ${message}`);

async function main(): Promise<void> {
  const database = await prepareDatabase();
  log("databases ready");
  // `npm run bench -- --prepare`: only build isoc_bench and its peer copy (for bench/measure-cpu.ts).
  if (process.argv.includes("--prepare")) return database.stop();
  const monitor = new Client({ connectionString: withDatabase(database.urls.ours, "postgres"), application_name: "bench-monitor" });
  await monitor.connect();
  const running: Running[] = [];
  try {
    await measure(monitor, database.urls, running);
  } finally {
    // On failure too: no server outlives the run.
    for (const r of running) if (r.child.exitCode === null) r.child.kill("SIGTERM");
    await monitor.end();
    await database.stop();
  }
}

async function measure(monitor: Client, urls: DatabaseUrls, running: Running[]): Promise<void> {
  let port = 4400;
  for (const server of SERVERS) running.push(await start(server, urls, ++port));
  log("servers started");
  await verifyAnswers(running);

  const probes = new Map<Key, { statements: number; ms: number }>();
  for (const r of running) {
    for (const op of OPERATIONS) {
      if (!r.server.request(op)) continue;
      probes.set(`${r.server.name}|${op.name}|0`, await probe(r, op));
      await load(r.port, r.server.request(op)!, 4, 1); // warm-up: the JIT, the pools, the caches
      await drain(monitor, r);
    }
  }

  log("statements counted, servers warmed up");
  const cells = OPERATIONS.flatMap((op) => [...(AT_ONE_CONNECTION.has(op.name) ? [1] : []), 16].map((connections) => ({ op, connections })));
  const totals = new Map<Key, Totals>();
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...running].reverse() : running;
    for (const { op, connections } of cells) {
      for (const r of order) {
        if (!r.server.request(op)) continue;
        const key: Key = `${r.server.name}|${op.name}|${connections}`;
        if (!totals.has(key)) totals.set(key, { latencies: [], responses: 0, sent: 0, seconds: 0, serverMs: 0, postgresMs: 0 });
        const seconds = cellSeconds(probes.get(`${r.server.name}|${op.name}|0`)!.ms, connections);
        await measureCell(monitor, r, op, connections, seconds, totals.get(key)!);
      }
      log(`round ${round + 1}/${ROUNDS}: ${op.name} at ${connections} connection(s) done`);
    }
  }
  const peaks: Record<string, number> = {};
  for (const r of running) peaks[r.server.name] = await stop(r);

  const rows: Row[] = [...totals].map(([key, t]) => {
    const [server, operation, connections] = key.split("|");
    const sorted = t.latencies.sort((a, b) => a - b);
    return {
      server,
      operation,
      connections: Number(connections),
      rps: t.responses / t.seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      serverMs: t.serverMs / t.sent,
      postgresMs: t.postgresMs / t.sent,
      responses: t.responses,
      statements: probes.get(`${server}|${operation}|0`)!.statements,
    };
  });
  writeResults(rows, peaks);
}

const find = (rows: Row[], server: string, operation: string, connections = 16) =>
  rows.find((r) => r.server === server && r.operation === operation && r.connections === connections);
/** A figure to 3 significant digits or so; "—" for none (a slow cell in which no response completed). */
const fixed = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? "—" : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
/** Statements per request; "—" where the server cannot tell (WORKERS=2). */
const count = (n: number) => (Number.isFinite(n) ? String(n) : "—");
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !a || !b ? "—" : (a / b).toFixed(2));

/** The issue's targets, each checked against this run. */
function targets(rows: Row[]): string[] {
  const ours = (op: string, c = 16) => find(rows, "ours", op, c);
  const peer = (op: string) => find(rows, "PostGraphile", op);
  const cached = find(rows, "cache on", "listing");
  const check = (name: string, measured: string, met: boolean | undefined) => `| ${name} | ${measured} | ${met === undefined ? "not measured" : met ? "**met**" : "not met"} |`;
  const peerRelative = (op: string, times: number, p99Too: boolean) => {
    const [o, p] = [ours(op), peer(op)];
    if (!o || !p) return check(`${op} ≥ ${times}× PostGraphile req/s${p99Too ? ", p99 ≤ PostGraphile's" : ""}`, "—", undefined);
    return check(
      `${op} ≥ ${times}× PostGraphile req/s${p99Too ? ", p99 ≤ PostGraphile's" : ""}`,
      `${ratio(o.rps, p.rps)}× (${fixed(o.rps)} vs ${fixed(p.rps)})${p99Too ? `; p99 ${fixed(o.p99)} vs ${fixed(p.p99)} ms` : ""}`,
      o.rps >= times * p.rps && (!p99Too || o.p99 <= p.p99),
    );
  };
  const dashboard = [ours("dashboard"), peer("dashboard")];
  const stats = ours("memberStats", 1);
  const listing = ours("listing");
  return [
    peerRelative("listing", 1.2, true),
    peerRelative("detail", 1.2, true),
    peerRelative("node", 2, false),
    check(
      "dashboard ≥ 130 req/s and ≥ 5× PostGraphile",
      dashboard[0] && dashboard[1] ? `${fixed(dashboard[0].rps)} req/s, ${ratio(dashboard[0].rps, dashboard[1].rps)}×` : "—",
      dashboard[0] && dashboard[1] ? dashboard[0].rps >= 130 && dashboard[0].rps >= 5 * dashboard[1].rps : undefined,
    ),
    check(
      "response cache on: repeated listing ≥ 10× PostGraphile's (uncached) req/s, p99 ≤ 20 ms",
      cached && peer("listing") ? `${ratio(cached.rps, peer("listing")!.rps)}× (${fixed(cached.rps)} req/s), p99 ${fixed(cached.p99)} ms` : "—",
      cached && peer("listing") ? cached.rps >= 10 * peer("listing")!.rps && cached.p99 <= 20 : undefined,
    ),
    check("server CPU per listing ≤ 4 ms (16 connections)", listing ? `${fixed(listing.serverMs)} ms` : "—", listing ? listing.serverMs <= 4 : undefined),
    check(
      "memberStats(groupBy: REGION, interval: QUARTER) over ten years ≤ 20 ms p50 at 1 connection",
      stats ? `${fixed(stats.p50)} ms` : "—",
      stats ? stats.p50 <= 20 : undefined,
    ),
  ];
}

function writeResults(rows: Row[], peaks: Record<string, number>): void {
  const names = SERVERS.map((s) => s.name);
  const cellsOf = (op: Operation) => [...(AT_ONE_CONNECTION.has(op.name) ? [1] : []), 16];
  const summary = OPERATIONS.flatMap((op) =>
    cellsOf(op).map((c) => {
      const [o, p, b] = ["ours", "PostGraphile", "baseline"].map((s) => find(rows, s, op.name, c));
      const three = (f: (r: Row) => string) => [o, p, b].map((r) => (r ? f(r) : "—")).join(" / ");
      return `| ${op.name} | ${c} | ${o ? fixed(o.rps) : "—"} | ${p ? fixed(p.rps) : "—"} | ${ratio(o?.rps, p?.rps)} | ${three((r) => fixed(r.p99))} | ${three((r) => fixed(r.serverMs))} | ${three((r) => fixed(r.postgresMs))} | ${three((r) => count(r.statements))} |`;
    }),
  );
  const detail = OPERATIONS.flatMap((op) =>
    cellsOf(op).flatMap((c) => {
      const ours = find(rows, "ours", op.name, c);
      return names.flatMap((name) => {
        const r = find(rows, name, op.name, c);
        if (!r) return [];
        return [`| ${op.name} | ${c} | ${name} | ${fixed(r.rps)} | ${r.responses} | ${fixed(r.p50)} | ${fixed(r.p99)} | ${fixed(r.serverMs)} | ${fixed(r.postgresMs)} | ${count(r.statements)} | ${name === "ours" ? "" : ratio(ours?.rps, r.rps)} |`];
      });
    }),
  );
  const report = `# Benchmark results

Run ${new Date().toISOString()}: ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version},
PostgreSQL ${process.env.DATABASE_URL ? "at DATABASE_URL" : "embedded"}, loopback. Data: the seed plus \`seed:synthetic\` (${LARGE_DATASET.chapters} synthetic chapters,
${LARGE_DATASET.chapters * LARGE_DATASET.months} snapshots, ${LARGE_DATASET.programmes} programmes, ${LARGE_DATASET.chapters * LARGE_DATASET.participationsPerChapter} participations).
autocannon; ${ROUNDS} rounds, each running every cell for ${SECONDS} s on each server in turn (the order reversed every other round;
an operation for which a few requests take longer than that runs longer, up to 10 s, so that responses complete).
Ours runs as deployed (NODE_ENV=production), response cache off (execution is measured) unless the server is "cache on".
PostGraphile ${PEER_VERSION} runs with its production options (bench/postgraphile.ts) on \`${PEER_DATABASE}\`, a copy of
the same database made by this run with bench/postgraphile.sql applied. Every server's answers were compared with ours, field by
field, before timing: the same data.

How each figure is measured: **req/s** = responses ÷ seconds over all rounds; **p50/p99** over every response of all rounds (ms);
**server CPU** = utime + stime of the server's process tree (/proc/<pid>/stat) over its cells ÷ requests sent;
**PostgreSQL CPU** = the same for the PostgreSQL backends whose \`application_name\` is that server's (pg_stat_activity; each
server connects with its own name), ÷ requests sent; **SQL/req** = statements counted by the server itself (ours: its
per-request histogram in /metrics; PostGraphile and the baseline: a counter on their pg pool) over 3 requests sent one at a time.

## Ours, PostGraphile and the baseline

| operation | connections | ours req/s | PostGraphile req/s | ours / PostGraphile | p99 ms: ours / PostGraphile / baseline | server CPU ms/req: ours / PostGraphile / baseline | PostgreSQL CPU ms/req: ours / PostGraphile / baseline | SQL/req: ours / PostGraphile / baseline |
|---|---:|---:|---:|---:|---|---|---|---|
${summary.join("\n")}

PostGraphile and the baseline have no memberStats (the issue's target for it is absolute); "—" where a server has no equivalent.

## Targets (issue 11; 16 connections, response cache off, unless stated)

| target | this run | |
|---|---|---|
${targets(rows).join("\n")}

## Every server

| operation | connections | server | req/s | responses | p50 ms | p99 ms | server CPU ms/req | PostgreSQL CPU ms/req | SQL/req | ours ÷ this, req/s |
|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|
${detail.join("\n")}

naive is ours with DataLoader batching off. WORKERS=2 has no SQL/req: each worker answers /metrics with its own counts. The last two servers are references, not targets: \`WORKERS=2\` runs two server
processes (node:cluster) on this machine's cores, which PostgreSQL and the load generator share; "cache on" is the server as it
ships, answering repeated queries from its response cache (every request is still authenticated, priced and charged).

Peak RSS (MB): ${names.map((n) => `${n} ${peaks[n]}`).join(", ")} (WORKERS=2: the cluster's primary only).
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
