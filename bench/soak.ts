/**
 * `npm run soak`: a bounded soak over loopback. Starts the built server
 * (against DATABASE_URL, or its embedded PostgreSQL), warms it up, then drives
 * a mix of the benchmark operations at SOAK_CONNECTIONS connections for
 * SOAK_SECONDS, sampling the server's RSS, its open file descriptors and its
 * PostgreSQL connections. Writes bench/SOAK-RESULTS.md.
 *
 * Passes when there are no errors, RSS after warm-up stays flat (end within
 * 15% of the post-warm-up figure) and connections do not grow.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Client } from "pg";
import { OPERATIONS } from "./operations";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const WARMUP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 32);
const PORT = Number(process.env.SOAK_PORT ?? 4090);
const ROOT = path.resolve(__dirname, "..");

interface Sample {
  at: number;
  rssMb: number;
  fds: number;
  pgConnections: number;
}

function procStatus(pid: number): { rssMb: number; fds: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
  return { rssMb: Math.round(rssKb / 102.4) / 10, fds: fs.readdirSync(`/proc/${pid}/fd`).length };
}

async function pgConnections(databaseUrl: string | undefined): Promise<number> {
  const url = databaseUrl ?? "postgres://postgres:postgres@127.0.0.1:54329/isoc";
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'isoc-open-data-api'`);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

function drive(seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${PORT}/graphql`,
    connections: CONNECTIONS,
    duration: seconds,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: OPERATIONS.map((op) => ({ method: "POST", body: JSON.stringify({ query: op.query, variables: op.variables }) })),
  });
}

async function main(): Promise<void> {
  const server = spawn(process.execPath, [path.join(ROOT, "dist/src/main.js")], {
    cwd: ROOT,
    // A budget the soak cannot spend: it measures what the server holds on to over time, not 429s.
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", LOG_LEVEL: "warn", RATE_LIMIT_ANONYMOUS: "1000000000000" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error("the server did not start");
    const up = await fetch(`http://127.0.0.1:${PORT}/readyz`).then((r) => r.ok).catch(() => false);
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  console.log(`warm-up: ${WARMUP_SECONDS} s`);
  await drive(WARMUP_SECONDS);
  // Compare like with like: the first and last samples are both taken once the load generator's
  // keep-alive sockets have closed; the samples in between include its connections.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));
  await settle();
  const samples: Sample[] = [];
  const sample = async () => samples.push({ at: Date.now(), ...procStatus(server.pid!), pgConnections: await pgConnections(process.env.DATABASE_URL) });
  await sample();
  const timer = setInterval(() => void sample(), 10_000);
  console.log(`soak: ${SECONDS} s at ${CONNECTIONS} connections over ${OPERATIONS.map((o) => o.name).join(", ")}`);
  const result = await drive(SECONDS);
  clearInterval(timer);
  await settle();
  await sample();

  server.kill("SIGTERM");
  const exitCode = await exited;

  const first = samples[0];
  const last = samples.at(-1)!;
  const maxRss = Math.max(...samples.map((s) => s.rssMb));
  const errors = result.errors + result.timeouts + result.non2xx;
  const rssFlat = last.rssMb <= first.rssMb * 1.15;
  const connectionsFlat = last.pgConnections <= first.pgConnections && last.fds <= first.fds + 5;
  const passed = errors === 0 && rssFlat && connectionsFlat && exitCode === 0;

  const report = `# Soak results

Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version},
${process.env.DATABASE_URL ? "PostgreSQL at DATABASE_URL" : "embedded PostgreSQL"}; loopback only. Operations cycled per connection: ${OPERATIONS.map((o) => o.name).join(", ")}.

| figure | value |
|---|---:|
| duration (after ${WARMUP_SECONDS} s warm-up) | ${SECONDS} s |
| connections | ${CONNECTIONS} |
| requests | ${result.requests.total} |
| requests/s (mean) | ${result.requests.average} |
| latency p50 / p99 (ms) | ${result.latency.p50} / ${result.latency.p99} |
| errors + timeouts + non-2xx | ${result.errors} + ${result.timeouts} + ${result.non2xx} |
| server RSS after warm-up → end (MB) | ${first.rssMb} → ${last.rssMb} (max ${maxRss}) |
| server file descriptors after warm-up → end | ${first.fds} → ${last.fds} |
| PostgreSQL connections after warm-up → end | ${first.pgConnections} → ${last.pgConnections} |
| exit code after SIGTERM | ${exitCode} |
| verdict | ${passed ? "PASS" : "FAIL"} |

RSS samples every 10 s (MB): ${samples.map((s) => s.rssMb).join(", ")}
`;
  fs.writeFileSync(path.join(ROOT, "bench", "SOAK-RESULTS.md"), report);
  console.log(report);
  process.exit(passed ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
