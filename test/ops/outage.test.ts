/**
 * A database outage, on a real PostgreSQL that this test owns (an embedded
 * instance it stops and starts): requests fail fast with SERVICE_UNAVAILABLE
 * and HTTP 503, /readyz says so, the process stays up, a write cut short
 * leaves nothing behind, and service comes back by itself.
 */
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureDatabase, withDatabase } from "../../src/db/admin";
import { createDataSource } from "../../src/db/data-source";
import { seedDatabase } from "../../src/seed/seed";
import { startEmbeddedProcess, type EmbeddedProcess } from "../support/embedded-pg-process";
import { startServerProcess, type ServerProcess } from "../support/server-process";

const dataDir = path.join(os.tmpdir(), `isoc-outage-pg-${process.pid}`);
// Below the ephemeral range (32768–60999 on Linux): while this database is down, another test binding port 0
// could otherwise be given its port, and the restart would fail.
const port = 21000 + (process.pid % 1000);
let postgres: EmbeddedProcess | undefined;
let server: ServerProcess | undefined;
let url: string;

const start = () => startEmbeddedProcess(dataDir, port);

beforeAll(async () => {
  postgres = await start();
  await ensureDatabase(postgres.url, "isoc");
  url = withDatabase(postgres.url, "isoc");
  const dataSource = createDataSource(url, { size: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  await seedDatabase(dataSource);
  await dataSource.destroy();
  server = await startServerProcess({ DATABASE_URL: url, DB_CONNECT_TIMEOUT_MS: "1000" });
}, 60_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const LISTING = `{ chapters(first: 5) { totalCount nodes { name region { name } membership { latest { individualMembers } } } } }`;

/** Sends `n` listing requests at once; each must answer within 5 s (no request may hang). */
async function burst(n: number): Promise<{ status: number; body: any; ms: number }[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const started = Date.now();
      const response = await fetch(`${server!.baseUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: LISTING }),
        signal: AbortSignal.timeout(5000),
      });
      return { status: response.status, body: await response.json(), ms: Date.now() - started };
    }),
  );
}

it("survives PostgreSQL going away and coming back, without a restart", async () => {
  const before = await burst(10);
  expect(before.every((r) => r.status === 200 && r.body.data.chapters.totalCount === 130)).toBe(true);

  // A write in progress when the database stops.
  const writer = createDataSource(url, { size: 1 });
  await writer.initialize();
  const runner = writer.createQueryRunner();
  await runner.startTransaction();
  await runner.query(`INSERT INTO source (url, licence_note) VALUES ('https://example.org/cut-short', 'test')`);

  const load = burst(20); // under load while it stops
  await postgres!.stop();
  postgres = undefined;

  await expect(runner.commitTransaction()).rejects.toThrow();
  await runner.release().catch(() => undefined);
  await writer.destroy().catch(() => undefined);

  const during = [...(await load), ...(await burst(10))];
  const failed = during.filter((r) => r.status !== 200);
  expect(failed.length).toBeGreaterThan(0);
  for (const response of failed) {
    expect(response.status).toBe(503);
    expect(response.body.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
    expect(response.ms).toBeLessThan(3000);
  }
  const ready = await fetch(`${server!.baseUrl}/readyz`);
  expect(ready.status).toBe(503);
  expect((await ready.json()).checks.postgres).toBe("down");
  expect((await fetch(`${server!.baseUrl}/healthz`)).status).toBe(200);
  expect(server!.child.exitCode).toBeNull();

  postgres = await start();
  let after: { status: number; body: any }[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    after = await burst(5);
    if (after.every((r) => r.status === 200)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(after.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  expect(after[0].body.data.chapters.totalCount).toBe(130);
  expect((await fetch(`${server!.baseUrl}/readyz`)).status).toBe(200);

  const check = createDataSource(url, { size: 1 });
  await check.initialize();
  const rows = await check.query(`SELECT 1 FROM source WHERE url = 'https://example.org/cut-short'`);
  await check.destroy();
  expect(rows).toEqual([]);
}, 60_000);
