/**
 * Two server processes on two ports, one PostgreSQL database, one Redis: what
 * one instance caches or registers, the other uses, and no cached answer
 * outlives a change committed to the shared database.
 */
import { createHash } from "node:crypto";
import { createScratchDatabase, type ScratchDatabase } from "../import/scratch-database";
import { startInstances, type Instances } from "../support/instances";
import type { ServerProcess } from "../support/server-process";

let db: ScratchDatabase;
let instances: Instances;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  // A database of its own: the test writes, and the shared one must stay as seeded.
  db = await createScratchDatabase("isoc_two_instances");
  instances = await startInstances(2, { DATABASE_URL: db.url });
  [a, b] = instances.servers;
}, 90_000);

afterAll(async () => {
  await instances?.stop();
  await db?.drop();
});

const get = (server: ServerProcess, params: Record<string, string>) => fetch(`${server.baseUrl}/graphql?${new URLSearchParams(params)}`);

async function cacheRequests(server: ServerProcess, result: "hit" | "miss"): Promise<number> {
  const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
  return Number(metrics.match(new RegExp(`^response_cache_requests_total\\{result="${result}"\\} (\\d+)`, "m"))?.[1] ?? 0);
}

it("read back, through both instances, a change committed to the shared database (response cache on, shared in Redis)", async () => {
  const query = `{ chapter(slug: "benin") { name } }`;
  const nameThrough = async (server: ServerProcess) => (await (await get(server, { query })).json()).data.chapter.name as string;

  expect(a.baseUrl).not.toBe(b.baseUrl);
  const original = await nameThrough(a);
  expect(await nameThrough(b)).toBe(original);
  // B answered from the entry A stored in Redis: it never executed the query.
  expect(await cacheRequests(b, "hit")).toBe(1);
  expect(await cacheRequests(b, "miss")).toBe(0);

  await db.dataSource.query(`UPDATE chapter SET name = 'Benin, renamed' WHERE slug = 'benin'`);
  // Each instance hears the change by NOTIFY at commit, within milliseconds.
  const deadline = Date.now() + 5000;
  let names: string[];
  do {
    names = [await nameThrough(a), await nameThrough(b)];
  } while (names.some((name) => name !== "Benin, renamed") && Date.now() < deadline);
  expect(names).toEqual(["Benin, renamed", "Benin, renamed"]);
});

it("run by hash, through one instance, a persisted query registered through the other", async () => {
  const query = `{ programmes { slug } }`;
  const persisted = { persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") } };
  const extensions = JSON.stringify(persisted);

  const unknown = await (await get(b, { extensions })).json();
  expect(unknown.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");

  const registered = await fetch(`${a.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, extensions: persisted }),
  });
  expect(registered.status).toBe(200);

  const byHash = await get(b, { extensions });
  expect(byHash.status).toBe(200);
  expect((await byHash.json()).data.programmes).toEqual((await registered.json()).data.programmes);
});
