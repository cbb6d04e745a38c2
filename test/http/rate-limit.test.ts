/**
 * Budgets over HTTP: every answer says what it cost and what is left; over
 * budget is 429 with Retry-After and RATE_LIMITED, before anything runs;
 * anonymous callers are kept apart by address (X-Forwarded-For only behind a
 * trusted proxy), keys by key; and with Redis, instances share one budget.
 */
import { randomUUID } from "node:crypto";
import { createClient } from "@keyv/redis";
import { Budgets } from "../../src/rate-limit/budgets";
import { openHarness, serveHttp, type Harness } from "../support/harness";
import { TEST_REDIS_URL } from "../support/instances";
import { createKey, postGraphQL } from "../support/keys";

let h: Harness;
const stops: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  h = await openHarness({ scratch: true });
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await h.close();
});

const POINTS = { anonymous: 100, reader: 1000, editor: 1000, admin: 1000 };
/** costs 1 + 10 × 1 = 11 points (regions is declared at 10) */
const REGIONS = `{ regions { name } }`;

async function serve(budgets: Budgets, trustProxy?: string): Promise<string> {
  const { base, server } = await serveHttp(h, { budgets }, { trustProxy });
  stops.push(() => server.stop());
  return base;
}

async function statementsSent(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return [...text.matchAll(/^graphql_sql_statements_per_request_sum(?:\{[^}]*\})? (\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

describe("budgets", () => {
  it("reports cost and budget on every answer, then refuses with 429, Retry-After and RATE_LIMITED, running nothing", async () => {
    const base = await serve(new Budgets({ points: POINTS, windowSeconds: 60 }));
    const remaining: number[] = [];
    for (let i = 0; i < 9; i++) {
      const result = await postGraphQL(base, REGIONS);
      expect(result.status).toBe(200);
      expect(result.extensions?.rateLimit).toMatchObject({ cost: 11, limit: 100 });
      expect(result.headers.get("x-ratelimit-remaining")).toBe(String(result.extensions!.rateLimit.remaining));
      remaining.push(result.extensions!.rateLimit.remaining);
    }
    expect(remaining).toEqual([89, 78, 67, 56, 45, 34, 23, 12, 1]);
    const statements = await statementsSent(base);
    const refused = await postGraphQL(base, REGIONS);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(refused.errors?.[0]?.message).toMatch(/costs 11 points and 1 of 100 were left/);
    expect(refused.extensions?.rateLimit).toMatchObject({ remaining: 0, limit: 100 });
    expect(await statementsSent(base)).toBe(statements);

    // A key has its own, larger budget, whatever address it comes from.
    const token = await createKey(h.sql, "budget-reader", "reader");
    const withKey = await postGraphQL(base, `{ rateLimit { role limit remaining } }`, {}, { token });
    expect(withKey.data?.rateLimit).toEqual({ role: "READER", limit: 1000, remaining: 1000 });
  });

  it("charges nothing for a query refused for its input (first: 1000), and the full price for one that runs", async () => {
    const base = await serve(new Budgets({ points: { ...POINTS, anonymous: 1000 }, windowSeconds: 60 }));
    const refused = await postGraphQL(base, `{ chapters(first: 1000) { nodes { name } } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(refused.extensions?.rateLimit).toMatchObject({ cost: 0, remaining: 1000 });
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("1000");
    const served = await postGraphQL(base, REGIONS);
    expect(served.extensions?.rateLimit).toMatchObject({ cost: 11, remaining: 989 });
  });

  it("keeps anonymous budgets by the connection's address unless a trusted proxy says otherwise", async () => {
    const direct = await serve(new Budgets({ points: POINTS, windowSeconds: 60 }));
    const spoofed = (ip: string) => postGraphQL(direct, REGIONS, {}, { headers: { "x-forwarded-for": ip } });
    await spoofed("203.0.113.1");
    expect((await spoofed("203.0.113.2")).extensions?.rateLimit.remaining).toBe(78); // one budget: the header is ignored

    const behindProxy = await serve(new Budgets({ points: POINTS, windowSeconds: 60 }), "loopback");
    const forwarded = (ip: string) => postGraphQL(behindProxy, REGIONS, {}, { headers: { "x-forwarded-for": ip } });
    await forwarded("203.0.113.1");
    expect((await forwarded("203.0.113.2")).extensions?.rateLimit.remaining).toBe(89); // two clients, two budgets
    expect((await forwarded("203.0.113.1")).extensions?.rateLimit.remaining).toBe(78);
  });

  it("charges exports to the same budget: 20,000 points each, then 429", async () => {
    const base = await serve(new Budgets({ points: { ...POINTS, anonymous: 30_000 }, windowSeconds: 60 }));
    const first = await fetch(`${base}/export/principles.csv`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-remaining")).toBe("10000");
    await first.text();
    const second = await fetch(`${base}/export/principles.csv`);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await second.json()).toEqual({ error: { code: "RATE_LIMITED", message: expect.stringMatching(/an export costs 20000 points and 10000 were left/) } });
    // GraphQL spends from the same budget.
    expect((await postGraphQL(base, REGIONS)).status).toBe(429);
  });

  it("is shared over Redis by every instance", async () => {
    const redis = createClient({ url: TEST_REDIS_URL });
    await redis.connect();
    stops.push(() => redis.quit());
    const keyPrefix = `isoc-test-${randomUUID()}`;
    const a = await serve(new Budgets({ points: POINTS, windowSeconds: 60, redis, keyPrefix }));
    const b = await serve(new Budgets({ points: POINTS, windowSeconds: 60, redis, keyPrefix }));
    const seen: number[] = [];
    for (let i = 0; i < 9; i++) seen.push((await postGraphQL(i % 2 ? b : a, REGIONS)).extensions!.rateLimit.remaining);
    expect(seen).toEqual([89, 78, 67, 56, 45, 34, 23, 12, 1]);
    expect((await postGraphQL(a, REGIONS)).status).toBe(429);
    expect((await postGraphQL(b, REGIONS)).status).toBe(429);
    expect(await redis.keys(`${keyPrefix}:*`)).not.toHaveLength(0);
  });
});
