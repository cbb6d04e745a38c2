/**
 * Limits checked before execution: depth, aliases, directives, tokens and cost.
 * A query over any of them is refused with a message naming the limit and the
 * query's figure, before any resolver runs: no SQL statement is sent.
 * Every answer reports its cost and the caller's budget in extensions.
 */
import { getIntrospectionQuery, parse } from "graphql";
import { queryCost } from "../../src/graphql/cost";
import { getSchema } from "../../src/graphql/schema";
import { openHarness, runOk, type Harness } from "../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const cost = (query: string, variables?: Record<string, unknown>) => queryCost(getSchema(), parse(query), variables, undefined);

/** Nested region → chapters → region … `levels` times. */
const deep = (levels: number) => `{ regions { ${"chapters(first: 1) { nodes { region { ".repeat(levels)} name ${"} } }".repeat(levels)} } }`;

describe("limits before execution", () => {
  it.each([
    ["depth", deep(4), /depth limit of 12 exceeded, found 1[3-9]/],
    ["aliases", `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: regions { name }`).join(" ")} }`, /Aliases limit of 30 exceeded, found 31/],
    ["directives", `{ regions { name ${"@include(if: true) ".repeat(31)} } }`, /Directives limit of 30 exceeded, found 31/],
    ["tokens", `{ regions { ${"name ".repeat(5000)} } }`, /more th.. 5000 tokens/],
    ["cost", `{ ${["a", "b", "c", "d", "e"].map((alias) => `${alias}: chapters(first: 100) { nodes { name membership { history(from: "2006-01-01", to: "2025-12-31") { date individualMembers } } } }`).join(" ")} }`, /costs [\d,]+ points, over the limit of 200,000 per query/],
  ])("refuses a query over the %s limit, naming the limit and the figure, with no SQL statement sent", async (_, query, message) => {
    const result = await h.run(query);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(result.data ?? null).toBeNull();
    expect(result.statements).toBe(0);
  });

  it("reports the figures of a refused costly query in its error", async () => {
    const query = `{ chapters(first: 100) { nodes { programmes { programme { chapters { chapter { name programmes { since } } } } } } } }`;
    const result = await h.run(query);
    // From the innermost: programmes (5) × since = 6; chapter = 1 + name + 6 = 8; programme.chapters (100) = 801; programme = 802;
    // programmes (5) = 4,011; nodes = 4,012; chapters(first: 100) = 1 + 100 × 4,012.
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COSTLY", cost: 401_201, maximumCost: 200_000 });
    expect(result.statements).toBe(0);
  });

  it("lets the introspection query through: introspection costs nothing", async () => {
    expect(cost(getIntrospectionQuery())).toBe(0);
    await runOk(h, getIntrospectionQuery());
  });
});

describe("the cost model", () => {
  it("multiplies a page's fields by its size (first or last, capped at 100; 20 when neither is given)", () => {
    const page = (args: string) => cost(`{ chapters${args} { nodes { name slug } } }`);
    // chapters 1 + size × (nodes 1 + name 1 + slug 1)
    expect(page("(first: 10)")).toBe(1 + 10 * 3);
    expect(page("(last: 50)")).toBe(1 + 50 * 3);
    expect(page("")).toBe(1 + 20 * 3);
    expect(page("(first: 1000)")).toBe(1 + 100 * 3);
    expect(cost(`query($n: Int) { chapters(first: $n) { nodes { name } } }`, { n: 7 })).toBe(1 + 7 * 2);
  });

  it("counts nodes(ids) by the number of IDs, and lists by their declared size", () => {
    expect(cost(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ["a", "b", "c"] })).toBe(1 + 3 * 1);
    expect(cost(`{ regions { name } }`)).toBe(1 + 10 * 1);
    expect(cost(`{ chapter(slug: "kenya") { membership { history(from: "2024-01-01", to: "2025-12-31") { date } } } }`)).toBe(1 + 1 + 1 + 24 * 1);
  });

  it("prices the rateLimit field at nothing", () => {
    expect(cost(`{ rateLimit { limit cost remaining resetAt } }`)).toBe(0);
  });

  it("keeps statements constant in the page size while the cost grows with it", async () => {
    const listing = (n: number) => `{ chapters(first: ${n}) { nodes { name country { name } region { name } programmes { programme { name } } membership { latest { individualMembers } } } } }`;
    const small = await runOk(h, listing(5));
    const large = await runOk(h, listing(100));
    expect(large.statements).toBe(small.statements);
    // Per chapter: nodes 1 + name 1 + country 2 + region 2 + programmes (5 × 2) 11 + membership.latest 3 = 20.
    expect(cost(listing(5))).toBe(1 + 5 * 20);
    expect(cost(listing(100))).toBe(1 + 100 * 20);
  });
});

describe("reporting the budget", () => {
  it("prices the same document again by its variables (a remembered cost is never another request's)", async () => {
    const query = `query($n: Int) { chapters(first: $n) { nodes { name } } }`;
    const costs = [];
    for (const n of [5, 50, 5]) costs.push((await h.run(query, { n })).extensions?.rateLimit.cost);
    expect(costs).toEqual([1 + 5 * 2, 1 + 50 * 2, 1 + 5 * 2]);
  });


  it("puts the cost and the budget in every answer's extensions, and answers rateLimit with the same figures", async () => {
    const query = `{ regions { name } rateLimit { role limit cost remaining resetAt } }`;
    const first = await h.run(query);
    const second = await h.run(query);
    expect(second.errors).toBeUndefined();
    // regions (a list of 10) × name: 1 + 10 × 1; rateLimit is free.
    const expectedCost = 11;
    expect(second.data!.rateLimit).toMatchObject({ role: "ANONYMOUS", cost: expectedCost, remaining: first.data!.rateLimit.remaining - expectedCost });
    // In process the answer is not serialised yet: resetAt is still a Date there, and ISO text in the extensions.
    const { role: _role, resetAt, ...budget } = second.data!.rateLimit;
    expect(second.extensions?.rateLimit).toEqual({ ...budget, resetAt: resetAt.toISOString() });
    expect(resetAt.getTime()).toBeGreaterThan(Date.now());
  });
});
