/**
 * The cacheable public read path: queries by GET, Cache-Control from the
 * schema's hints, ETag and 304, CORS, compression, persisted queries, and the
 * server's response cache — shared between instances over Redis, and never
 * answering with data older than the last write.
 */
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import { KeyvAdapter } from "@apollo/utils.keyvadapter";
import KeyvRedis, { createClient } from "@keyv/redis";
import Keyv from "keyv";
import { Client } from "pg";
import { DataVersionWatcher } from "../../src/db/data-version-watcher";
import { COMPRESSION_THRESHOLD_BYTES, type HttpServer } from "../../src/http/app";
import { revalidationStatus } from "../support/revalidate";
import { openHarness, serveHttp, type Harness } from "../support/harness";
import { TEST_REDIS_URL } from "../support/instances";

let h: Harness;
const stops: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  // A database of its own: these tests write, and the shared one must stay as seeded.
  h = await openHarness({ scratch: true });
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await h.close();
});

async function serve(deps: Parameters<typeof serveHttp>[1] = {}): Promise<{ base: string; server: HttpServer }> {
  const served = await serveHttp(h, deps);
  stops.push(() => served.server.stop());
  return served;
}

async function watcher(): Promise<DataVersionWatcher> {
  const watching = new DataVersionWatcher(h.url);
  await watching.start();
  stops.push(() => watching.stop());
  return watching;
}

const get = (base: string, query: string, headers: Record<string, string> = {}) => fetch(`${base}/graphql?query=${encodeURIComponent(query)}`, { headers });
const hits = async (server: HttpServer, result: "hit" | "miss") =>
  (await server.metrics.responseCache.get()).values.find((v) => v.labels.result === result)?.value ?? 0;

describe("GET /graphql", () => {
  it("answers a query with public Cache-Control, an ETag, and CORS open to any origin", async () => {
    const { base } = await serve();
    const response = await get(base, "{ regions { name } }", { origin: "https://partner.example" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("etag")).toMatch(/^W\/".+"$/);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect((await response.json()).data.regions).toHaveLength(6);
  });

  it("answers 304 to If-None-Match with the same ETag", async () => {
    const { base } = await serve();
    const path = `/graphql?query=${encodeURIComponent("{ regions { slug } }")}`;
    const first = await get(base, "{ regions { slug } }");
    const status = await revalidationStatus(`${base}${path}`, first.headers.get("etag")!);
    expect(status).toBe(304);
  });

  it("speaks application/graphql-response+json when asked (GraphQL over HTTP)", async () => {
    const { base } = await serve();
    const response = await get(base, "{ regions { slug } }", { accept: "application/graphql-response+json" });
    expect(response.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
  });

  it("never caches an error", async () => {
    const { base } = await serve();
    const response = await get(base, "{ chapters(first: 1000) { totalCount } }");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("compresses large answers with brotli or gzip, and leaves small ones (one round trip either way) as they are", async () => {
    const { base } = await serve();
    // Two lists of the 250 countries: about 22 kB, above COMPRESSION_THRESHOLD_BYTES.
    for (const encoding of ["br", "gzip"]) {
      const response = await get(base, "{ countries { code name } again: countries { code name } }", { "accept-encoding": encoding });
      expect(response.headers.get("content-encoding")).toBe(encoding);
      expect((await response.json()).data.countries.length).toBe(250);
    }
    const small = await get(base, "{ countries { code name } }", { "accept-encoding": "gzip" });
    expect(Number(small.headers.get("content-length"))).toBeLessThan(COMPRESSION_THRESHOLD_BYTES);
    expect(small.headers.get("content-encoding")).toBeNull();
  });

  it("answers a client that sends no Accept-Encoding uncompressed, still saying the answer varies by it", async () => {
    const { base } = await serve();
    // node:http, because fetch always sends an Accept-Encoding of its own.
    const query = encodeURIComponent("{ countries { code name } again: countries { code name } }");
    const response = await new Promise<http.IncomingMessage & { body: string }>((resolve, reject) => {
      http
        .get(`${base}/graphql?query=${query}`, { headers: { accept: "application/json" } }, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (body += chunk));
          res.on("end", () => resolve(Object.assign(res, { body })));
        })
        .on("error", reject);
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(response.headers["content-length"])).toBeGreaterThan(COMPRESSION_THRESHOLD_BYTES);
    expect(JSON.parse(response.body).data.again.length).toBe(250);
  });
});

describe("CORS preflight", () => {
  it("allows POST with JSON from any origin, for a day", async () => {
    const { base } = await serve();
    const response = await fetch(`${base}/graphql`, {
      method: "OPTIONS",
      headers: { origin: "https://partner.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toContain("content-type");
    expect(response.headers.get("access-control-max-age")).toBe("86400");
  });
});

describe("automatic persisted queries", () => {
  it("answer a hash-only GET once the query has been registered", async () => {
    const { base } = await serve();
    const query = `{ regions { slug name } }`;
    const hash = createHash("sha256").update(query).digest("hex");
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
    const unknown = await (await fetch(`${base}/graphql?extensions=${extensions}`)).json();
    expect(unknown.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    await fetch(`${base}/graphql?query=${encodeURIComponent(query)}&extensions=${extensions}`);
    const known = await fetch(`${base}/graphql?extensions=${extensions}`);
    expect(known.status).toBe(200);
    expect(known.headers.get("cache-control")).toBe("public, max-age=300");
    expect((await known.json()).data.regions[0].slug).toBe("africa");
  });
});

describe("the response cache", () => {
  it("answers a repeated query from cache, and the next query after a write with fresh data", async () => {
    const { base, server } = await serve({ dataVersion: await watcher() });
    const query = `{ chapter(slug: "benin") { name evidenceNote } }`;
    const first = await (await get(base, query)).json();
    await get(base, query);
    expect(await hits(server, "hit")).toBe(1);

    const writer = new Client({ connectionString: h.url });
    await writer.connect();
    const original = first.data.chapter.evidenceNote;
    try {
      await writer.query(`UPDATE chapter SET evidence_note = $1 WHERE slug = 'benin'`, [`${original} (edited)`]);
      // The change reaches the server by NOTIFY at commit, within milliseconds.
      let fresh: any;
      for (let i = 0; i < 50; i++) {
        fresh = await (await get(base, query)).json();
        if (fresh.data.chapter.evidenceNote !== original) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(fresh.data.chapter.evidenceNote).toBe(`${original} (edited)`);
    } finally {
      await writer.query(`UPDATE chapter SET evidence_note = $1 WHERE slug = 'benin'`, [original]);
      await writer.end();
    }
  });

  it("is bypassed while the data version cannot be known", async () => {
    const unknown = { version: null } as unknown as DataVersionWatcher;
    const { base, server } = await serve({ dataVersion: unknown });
    await get(base, "{ regions { name } }");
    await get(base, "{ regions { name } }");
    expect(await hits(server, "hit")).toBe(0);
  });

  it("is shared by two instances over Redis", async () => {
    const namespace = `isoc-api-test-${randomUUID()}`;
    const clients = [createClient({ url: TEST_REDIS_URL }), createClient({ url: TEST_REDIS_URL })];
    const instances: { base: string; server: HttpServer }[] = [];
    for (const client of clients) {
      await client.connect();
      stops.push(() => client.quit());
      const cache = new KeyvAdapter(new Keyv({ store: new KeyvRedis(client), namespace }));
      instances.push(await serve({ cache, dataVersion: await watcher() }));
    }
    const query = `{ programmes { slug name } }`;
    await get(instances[0].base, query);
    const fromOther = await get(instances[1].base, query);
    expect((await fromOther.json()).data.programmes.length).toBeGreaterThan(0);
    expect(await hits(instances[0].server, "miss")).toBe(1);
    expect(await hits(instances[1].server, "hit")).toBe(1);
  });
});
