/**
 * Repeated queries answered from the response cache in front of Apollo's
 * pipeline (src/http/cached-answers.ts): the same answer and headers as the
 * computed one, the caller charged each time (and refused once over budget),
 * nothing sent to PostgreSQL; keyed answers private and never served to
 * anonymous callers (issue 13).
 */
import { DataVersionWatcher } from "../../src/db/data-version-watcher";
import type { HttpServer } from "../../src/http/app";
import { Budgets } from "../../src/rate-limit/budgets";
import { revalidationStatus } from "../support/revalidate";
import { openHarness, serveHttp, testBudgets, type Harness } from "../support/harness";
import { createKey, postGraphQL } from "../support/keys";

let h: Harness;
let archivedSlug: string;
const stops: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  // A database of its own: one chapter is archived here.
  h = await openHarness({ scratch: true });
  [{ slug: archivedSlug }] = await h.sql.rows<{ slug: string }>(`UPDATE chapter SET archived_at = now() WHERE id = (SELECT min(id) FROM chapter) RETURNING slug`);
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await h.close();
});

async function serve(budgets = testBudgets()): Promise<{ base: string; server: HttpServer }> {
  const dataVersion = new DataVersionWatcher(h.url);
  await dataVersion.start();
  stops.push(() => dataVersion.stop());
  const served = await serveHttp(h, { dataVersion, budgets });
  stops.push(() => served.server.stop());
  return served;
}

async function counter(server: HttpServer, name: "hit" | "miss"): Promise<number> {
  return (await server.metrics.responseCache.get()).values.find((v) => v.labels.result === name)?.value ?? 0;
}

async function statementsSent(server: HttpServer): Promise<number> {
  return (await server.metrics.statements.get()).values.filter((v) => v.metricName?.endsWith("_sum")).reduce((sum, v) => sum + v.value, 0);
}

const REGIONS = `query Regions { regions { name chapters(first: 3) { nodes { name } } } }`;
/** Headers that must not differ between a computed answer and a repeat. */
const SAME_HEADERS = ["content-type", "cache-control", "etag", "vary", "access-control-allow-origin", "access-control-expose-headers", "x-ratelimit-limit", "x-ratelimit-cost"];

describe("answers from the response cache", () => {
  it("repeat the computed answer and its headers, charge the caller, and send no SQL", async () => {
    const { base, server } = await serve();
    const first = await postGraphQL(base, REGIONS);
    const statements = await statementsSent(server);
    const second = await postGraphQL(base, REGIONS, undefined, { headers: { "x-request-id": "repeat-1" } });

    expect(await counter(server, "hit")).toBe(1);
    expect(await statementsSent(server)).toBe(statements);
    expect(second.status).toBe(200);
    expect(second.data).toEqual(first.data);
    for (const name of SAME_HEADERS) expect([name, second.headers.get(name)]).toEqual([name, first.headers.get(name)]);
    expect(second.headers.get("x-request-id")).toBe("repeat-1");
    expect(Number(second.headers.get("age"))).toBeGreaterThanOrEqual(0);
    // Charged as the computed answer was: the same cost, the budget one cost lower.
    const cost = first.extensions!.rateLimit.cost;
    expect(cost).toBeGreaterThan(0);
    expect(second.extensions!.rateLimit).toMatchObject({ cost, remaining: first.extensions!.rateLimit.remaining - cost });
    expect(second.headers.get("x-ratelimit-remaining")).toBe(String(second.extensions!.rateLimit.remaining));
  });

  it("answer a GET with the Content-Type its Accept asks for, and 304 to its ETag", async () => {
    const { base, server } = await serve();
    const path = `/graphql?query=${encodeURIComponent("{ regions { slug } }")}`;
    const first = await fetch(`${base}${path}`, { headers: { accept: "application/graphql-response+json" } });
    const again = await fetch(`${base}${path}`, { headers: { accept: "application/graphql-response+json" } });
    const plain = await fetch(`${base}${path}`);
    expect(await counter(server, "hit")).toBe(2);
    expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(again.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect(plain.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(plain.headers.get("etag")).toBe(first.headers.get("etag"));
    const status = await revalidationStatus(`${base}${path}`, first.headers.get("etag")!);
    expect(status).toBe(304);
    expect(await counter(server, "hit")).toBe(3);
  });

  it("refuse a caller over budget with 429, charging the refusal once", async () => {
    // `regions { name }` costs 11 points: computed (19 left), repeated (8 left), then refused.
    const { base, server } = await serve(new Budgets({ points: { anonymous: 30, reader: 30, editor: 30, admin: 30 }, windowSeconds: 60 }));
    expect((await postGraphQL(base, `{ regions { name } }`)).extensions!.rateLimit.remaining).toBe(19);
    expect((await postGraphQL(base, `{ regions { name } }`)).extensions!.rateLimit.remaining).toBe(8);
    expect(await counter(server, "hit")).toBe(1);
    const refused = await postGraphQL(base, `{ regions { name } }`);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0].extensions?.code).toBe("RATE_LIMITED");
    expect(refused.errors?.[0].message).toMatch(/costs 11 points and 8 of 30 were left/);
    expect(refused.headers.get("cache-control")).toBe("no-store");
  });
});

describe("private answers", () => {
  const ARCHIVED = () => `{ chapter(slug: "${archivedSlug}") { name archivedAt } }`;

  it("answer keyed callers `private`, computed or repeated, and anonymous callers `public`", async () => {
    const { base, server } = await serve();
    const token = await createKey(h.sql, "private-answers-reader", "reader");
    const keyed = [await postGraphQL(base, REGIONS, undefined, { token }), await postGraphQL(base, REGIONS, undefined, { token })];
    expect(await counter(server, "hit")).toBe(1);
    for (const answer of keyed) expect(answer.headers.get("cache-control")).toBe("private, max-age=300");
    const anonymous = [await postGraphQL(base, REGIONS), await postGraphQL(base, REGIONS)];
    for (const answer of anonymous) expect(answer.headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("are never served to anonymous callers, nor theirs to keyed ones", async () => {
    const { base, server } = await serve();
    const token = await createKey(h.sql, "private-answers-editor", "editor");
    const editor = await postGraphQL(base, ARCHIVED(), undefined, { token });
    expect(editor.data?.chapter?.archivedAt).toBeTruthy();
    const anonymous = await postGraphQL(base, ARCHIVED());
    expect(anonymous.data?.chapter).toBeNull();
    expect(await counter(server, "hit")).toBe(0);
    // A reader key sees what anonymous callers see, but from an entry of its own.
    await postGraphQL(base, REGIONS);
    await postGraphQL(base, REGIONS, undefined, { token: await createKey(h.sql, "private-answers-reader-2", "reader") });
    expect(await counter(server, "hit")).toBe(0);
    expect(await counter(server, "miss")).toBe(4);
  });

  it("are private without a response cache too", async () => {
    const { base, server } = await serveHttp(h);
    stops.push(() => server.stop());
    const token = await createKey(h.sql, "private-answers-no-cache", "reader");
    expect((await postGraphQL(base, REGIONS, undefined, { token })).headers.get("cache-control")).toBe("private, max-age=300");
    expect((await postGraphQL(base, REGIONS)).headers.get("cache-control")).toBe("public, max-age=300");
  });
});
