/**
 * Two server processes on two ports, one PostgreSQL database, one Redis: what
 * one instance caches or registers, the other uses, and no cached answer
 * outlives a change committed to the shared database.
 */
import { createHash } from "node:crypto";
import { createScratchDatabase, type ScratchDatabase } from "../import/scratch-database";
import { startInstances, type Instances } from "../support/instances";
import { createKey, postGraphQL } from "../support/keys";
import type { ServerProcess } from "../support/server-process";

let db: ScratchDatabase;
let instances: Instances;
let a: ServerProcess;
let b: ServerProcess;
let editorKey: string;

beforeAll(async () => {
  // A database of its own: the test writes, and the shared one must stay as seeded.
  db = await createScratchDatabase("isoc_two_instances");
  editorKey = await createKey(db.sql, "two-instances-editor", "editor");
  instances = await startInstances(2, { DATABASE_URL: db.url, RATE_LIMIT_ANONYMOUS: "2000" });
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

it("read back through one instance a mutation made through the other, at once", async () => {
  const { data: before } = await postGraphQL(a.baseUrl, `{ chapter(slug: "kenya") { id name version } }`);
  const renamed = await postGraphQL(
    a.baseUrl,
    `mutation($id: ID!, $v: Int!) { updateChapter(id: $id, version: $v, patch: { name: "Kenya, edited through A" }) { name version } }`,
    { id: before!.chapter.id, v: before!.chapter.version },
    { token: editorKey },
  );
  expect(renamed.data?.updateChapter).toEqual({ name: "Kenya, edited through A", version: before!.chapter.version + 1 });
  // B may have cached the old answer; the write's NOTIFY moves the data version on both before the next read.
  const deadline = Date.now() + 5000;
  let throughB: { name: string; version: number };
  do {
    throughB = (await postGraphQL(b.baseUrl, `{ chapter(slug: "kenya") { name version } }`)).data!.chapter;
  } while (throughB.name !== "Kenya, edited through A" && Date.now() < deadline);
  expect(throughB).toEqual({ name: "Kenya, edited through A", version: before!.chapter.version + 1 });

  // The same version used again through B is stale: CONFLICT, whatever instance answers.
  const stale = await postGraphQL(
    b.baseUrl,
    `mutation($id: ID!, $v: Int!) { updateChapter(id: $id, version: $v, patch: { name: "Lost" }) { name } }`,
    { id: before!.chapter.id, v: before!.chapter.version },
    { token: editorKey },
  );
  expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
});

it("spend one anonymous budget, kept in Redis, through both instances", async () => {
  // RATE_LIMIT_ANONYMOUS is 2,000 points an hour for both; `{ regions { name } }` costs 11.
  const query = `{ regions { name } }`;
  const before = (await postGraphQL(a.baseUrl, `{ rateLimit { remaining } }`)).data!.rateLimit.remaining as number;
  const seen: number[] = [];
  for (let i = 0; i < 4; i++) seen.push((await postGraphQL(i % 2 ? b.baseUrl : a.baseUrl, query)).extensions!.rateLimit.remaining);
  expect(seen).toEqual([before - 11, before - 22, before - 33, before - 44]);
  let last = await postGraphQL(b.baseUrl, query);
  for (let i = 0; last.status === 200 && i < 200; i++) last = await postGraphQL(i % 2 ? b.baseUrl : a.baseUrl, query);
  expect([last.status, last.errors?.[0]?.extensions?.code]).toEqual([429, "RATE_LIMITED"]);
  expect((await postGraphQL(b.baseUrl, query)).status).toBe(429);
});
