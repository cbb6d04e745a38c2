/**
 * WORKERS=2: two worker processes share the port, /metrics reports both, a
 * worker that dies is replaced, and SIGTERM stops every worker gracefully and
 * exits 0.
 */
import { testDatabaseUrl } from "../support/harness";
import { startServerProcess, type ServerProcess } from "../support/server-process";

let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess({ DATABASE_URL: testDatabaseUrl(), WORKERS: "2" });
}, 60_000);

afterAll(async () => {
  if (server?.child.exitCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
});

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pids of the workers that logged `msg` (the primary's lines carry no pid). */
const pidsLogging = (msg: string) => new Set(server.logs.filter((line) => line.msg === msg && line.pid !== undefined).map((line) => line.pid as number));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
}

it("serves from two worker processes on one port", async () => {
  const workers = pidsLogging("worker listening");
  expect(workers.size).toBe(2);
  expect(workers.has(server.child.pid!)).toBe(false);

  // Concurrent requests open several connections, which the primary hands to the workers in turn.
  const responses = await Promise.all(Array.from({ length: 8 }, () => server.graphql(`query Regions { regions { slug } }`)));
  for (const response of responses) expect((await response.json()).data.regions).toHaveLength(6);
  await until(() => server.logs.filter((line) => line.operation === "Regions").length === 8, 2000);
  const answeredBy = new Set(server.logs.filter((line) => line.operation === "Regions").map((line) => line.pid));
  expect(answeredBy).toEqual(workers);
});

it("reports every worker's figures at /metrics, whichever worker answers the scrape", async () => {
  // The 8 Regions requests above were answered by both workers; each scrape (on a new connection, so
  // handed to either worker) counts all 8, and two workers' process figures.
  for (let scrapes = 0; scrapes < 4; scrapes++) {
    const text = await (await fetch(`${server.baseUrl}/metrics`, { headers: { connection: "close" } })).text();
    expect(text).toMatch(/^graphql_requests_total\{operation="Regions",outcome="success"\} 8$/m);
    expect(text).toMatch(/^graphql_sql_statements_per_request_count\{operation="Regions"\} 8$/m);
  }
});

it("replaces a worker that dies", async () => {
  const [victim] = pidsLogging("worker listening");
  process.kill(victim, "SIGKILL");
  await until(() => pidsLogging("worker listening").size === 3, 45_000);
  expect(server.logs.find((line) => line.msg === "worker died; starting another")).toMatchObject({ pid: victim, signal: "SIGKILL" });
  expect(pidsLogging("worker listening").size).toBe(3);

  const response = await server.graphql(`{ regions { slug } }`);
  expect((await response.json()).data.regions).toHaveLength(6);
}, 60_000);

it("stops every worker gracefully on SIGTERM and exits 0", async () => {
  const workers = [...pidsLogging("worker listening")].filter(isRunning);
  expect(workers).toHaveLength(2);
  server.child.kill("SIGTERM");
  expect(await server.exited).toBe(0);
  expect(pidsLogging("stopped")).toEqual(new Set(workers));
  expect(workers.filter(isRunning)).toEqual([]);
  expect(server.logs.at(-1)).toMatchObject({ msg: "stopped", failedStops: 0 });
}, 30_000);
