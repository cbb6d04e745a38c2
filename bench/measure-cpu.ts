/**
 * Side-by-side measurement of server variants, for deciding one change:
 * each variant is a server process (its own environment, Node flags or
 * build); the operations of bench/operations.ts are sent to each in turn,
 * alternating variants within every round, and each cell reports requests/s,
 * the server's CPU time per request (utime + stime from /proc over the
 * cell ÷ requests served), which the machine's other load disturbs much less,
 * and the same for the PostgreSQL backends serving that variant (its
 * connections carry the variant's name as application_name).
 *
 *   TS_NODE_SWC=true flock /tmp/bench.lock node -r ts-node/register bench/measure-cpu.ts \
 *     --database postgres://postgres@127.0.0.1:5432/exec_bench \
 *     --variants '[{"name":"js","env":{"EXECUTION":"graphql-js"}},{"name":"jit"}]' \
 *     [--operations listing,detail] [--rounds 3] [--seconds 5] [--connections 16]
 *
 * A variant: { name, env?: {…}, node?: ["--flag"], main?: "path/to/dist/src/main.js" }; its env may
 * give its own DATABASE_URL (e.g. with `?options=…` for PostgreSQL settings).
 * The database must already hold the large data set (see bench/bench.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { Client } from "pg";
import { cpuMsBetween, sampleBackends, withApplicationName } from "./cpu";
import { OPERATIONS } from "./operations";

interface Variant {
  name: string;
  env?: Record<string, string>;
  node?: string[];
  main?: string;
}

const ROOT = path.resolve(__dirname, "..");
/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

const { values } = parseArgs({
  options: {
    database: { type: "string" },
    variants: { type: "string" },
    operations: { type: "string", default: OPERATIONS.map((op) => op.name).join(",") },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "16" },
    header: { type: "string", multiple: true, default: [] },
  },
});
if (!values.database || !values.variants) throw new Error("--database and --variants are required");
const variants = JSON.parse(values.variants) as Variant[];
const operations = values.operations!.split(",").map((name) => OPERATIONS.find((op) => op.name === name) ?? (() => { throw new Error(`unknown operation ${name}`); })());
const headers = Object.fromEntries(values.header!.map((h) => h.split(/:\s*/, 2) as [string, string]));

function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

async function start(variant: Variant, port: number): Promise<ChildProcess> {
  const main = variant.main ?? path.join(ROOT, "dist/src/main.js");
  const database = variant.env?.DATABASE_URL ?? values.database!;
  const env = {
    ...process.env, RESPONSE_CACHE: "off", RATE_LIMIT_ANONYMOUS: "1000000000000", RATE_LIMIT_READER: "1000000000000", LOG_LEVEL: "warn", PORT: String(port), HOST: "127.0.0.1",
    ...variant.env,
    DATABASE_URL: withApplicationName(database, applicationName(variant)),
  };
  const child = spawn(process.execPath, [...(variant.node ?? []), main], { env, stdio: ["ignore", "ignore", "inherit"] });
  // Two minutes: on a shared machine a start (migrations checked, pools opened) can be slow.
  for (let i = 0; i < 1200; i++) {
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`${variant.name} did not start`);
}

const applicationName = (variant: Variant) => `measure-cpu:${variant.name}`.replace(/[^A-Za-z0-9:_=-]/g, "_");

function load(port: number, op: (typeof OPERATIONS)[number], seconds: number, connections: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}/graphql`,
        connections,
        duration: seconds,
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query: op.query, variables: op.variables }),
      },
      (error, result) => {
        if (error) return reject(error);
        // Under the machine's other load a few requests can time out (503): said, not fatal.
        if (result.non2xx || result.errors) console.warn(`${op.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        resolve(result);
      },
    );
  });
}

async function main(): Promise<void> {
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  // One at a time: each runs the migrations check against the same database.
  const servers: { variant: Variant; port: number; child: ChildProcess }[] = [];
  const cells = new Map<string, { rps: number[]; cpu: number[]; pgCpu: number[]; p99: number[] }>();
  const monitor = new Client({ connectionString: values.database, application_name: "measure-cpu-monitor" });
  await monitor.connect();
  try {
    for (const [i, variant] of variants.entries()) servers.push({ variant, port: 4600 + i, child: await start(variant, 4600 + i) });
    for (const { port } of servers) for (const op of operations) await load(port, op, 2, connections); // warm-up: JIT, caches, pools
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const op of operations) {
        // Alternate the order each round so no variant always runs first.
        const order = round % 2 ? [...servers].reverse() : servers;
        for (const { variant, port, child } of order) {
          const before = cpuTicks(child.pid!);
          const pgBefore = await sampleBackends(monitor, applicationName(variant));
          const result = await load(port, op, seconds, connections);
          const cpuMs = ((cpuTicks(child.pid!) - before) * 1000) / TICKS_PER_SECOND / result.requests.total;
          const pgCpuMs = cpuMsBetween(pgBefore, await sampleBackends(monitor, applicationName(variant))) / result.requests.total;
          const key = `${op.name}\u0000${variant.name}`;
          const cell = cells.get(key) ?? { rps: [], cpu: [], pgCpu: [], p99: [] };
          cell.rps.push(result.requests.average);
          cell.cpu.push(cpuMs);
          cell.pgCpu.push(pgCpuMs);
          cell.p99.push(result.latency.p99);
          cells.set(key, cell);
          console.log(`round ${round + 1} ${op.name} ${variant.name}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms, CPU ${cpuMs.toFixed(2)} ms/req, PostgreSQL CPU ${pgCpuMs.toFixed(2)} ms/req`);
        }
      }
    }
  } finally {
    for (const { child } of servers) child.kill("SIGTERM");
    await monitor.end();
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`\n| operation | variant | req/s (mean of rounds) | p99 ms | server CPU ms/request | PostgreSQL CPU ms/request |\n|---|---|---:|---:|---:|---:|`);
  for (const op of operations) {
    for (const { variant } of servers) {
      const cell = cells.get(`${op.name}\u0000${variant.name}`)!;
      console.log(`| ${op.name} | ${variant.name} | ${mean(cell.rps).toFixed(0)} | ${mean(cell.p99).toFixed(0)} | ${mean(cell.cpu).toFixed(2)} | ${mean(cell.pgCpu).toFixed(2)} |`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
