/**
 * What an operator watches: /healthz, /readyz and /metrics.
 */
import { createClient } from "@keyv/redis";
import type { HttpServer } from "../../src/http/app";
import type { Pingable } from "../../src/http/health.routes";
import { openHarness, serveHttp, type Harness } from "../support/harness";
import { TEST_REDIS_URL } from "../support/instances";

let h: Harness;
const servers: HttpServer[] = [];

beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  await h.close();
});

async function serve(redis?: Pingable): Promise<string> {
  const { base, server } = await serveHttp(h, { redis });
  servers.push(server);
  return base;
}

const post = (base: string, body: unknown) =>
  fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("/healthz and /readyz", () => {
  it("are up and ready with PostgreSQL answering and every migration applied", async () => {
    const base = await serve();
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { postgres: "ok", migrations: "ok" } });
  });

  it("check Redis when one is configured: ready with a real Redis, 503 naming redis when it does not answer", async () => {
    const redis = createClient({ url: TEST_REDIS_URL });
    await redis.connect();
    try {
      const ready = await fetch(`${await serve(redis)}/readyz`);
      expect(await ready.json()).toEqual({ status: "ready", checks: { postgres: "ok", migrations: "ok", redis: "ok" } });
    } finally {
      await redis.quit();
    }
    const down = await fetch(`${await serve({ ping: () => Promise.reject(new Error("ECONNREFUSED")) })}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", checks: { postgres: "ok", migrations: "ok", redis: "down" } });
  });
});

describe("/metrics", () => {
  it("counts requests by operation and outcome, errors by code, statements per request, loader batches, pool and process figures", async () => {
    const base = await serve();
    const listing = `query Listing { chapters(first: 50) { nodes { name region { name } country { code } programmes { source { url } } } } }`;
    await post(base, { query: listing });
    await post(base, { query: listing });
    await post(base, { query: `query Bad { chapters(first: 500) { totalCount } }` });
    await post(base, { query: `query ${"x".repeat(100)} { regions { name } }` });

    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('graphql_requests_total{operation="Listing",outcome="success"} 2');
    expect(text).toContain('graphql_requests_total{operation="Bad",outcome="error"} 1');
    expect(text).toContain('graphql_requests_total{operation="invalid",outcome="success"} 1');
    expect(text).toContain('graphql_errors_total{code="BAD_USER_INPUT"} 1');
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="Listing",outcome="success"\} 2/);
    // The chapters page with regions, countries and participations (a planned read), then the participations' sources: 2 per listing.
    expect(text).toContain('graphql_sql_statements_per_request_sum{operation="Listing"} 4');
    expect(text).toContain('dataloader_batch_size_count{loader="source"} 2');
    expect(text).toMatch(/db_pool_connections\{state="idle"\} \d+/);
    expect(text).toMatch(/db_pool_connections\{state="waiting"\} 0/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
  });
});
