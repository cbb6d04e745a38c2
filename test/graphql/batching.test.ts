/**
 * Batching: the number of SQL statements a request sends is set by the
 * query's shape, never by the number of rows it returns.
 */
import { createLoaders } from "../../src/graphql/loaders";
import { openHarness, type Harness } from "../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const LISTING = `query Listing($first: Int!) {
  chapters(first: $first) {
    totalCount
    edges { node {
      name
      country { code name }
      region { slug name }
      programmes { since programme { name } }
      membership { latest { date individualMembers organizationMembers synthetic } }
    } }
  }
}`;

describe("the chapter listing (chapters with country, region, programmes and latest membership)", () => {
  it("sends at most 6 statements for 100 chapters, and the same number for 10", async () => {
    const hundred = await h.run(LISTING, { first: 100 });
    const ten = await h.run(LISTING, { first: 10 });
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data!.chapters.edges).toHaveLength(100);
    expect(ten.data!.chapters.edges).toHaveLength(10);
    expect(hundred.statements).toBeLessThanOrEqual(6);
    expect(ten.statements).toBe(hundred.statements);
  });

  it("resolves each relation for every row (batching loses nothing)", async () => {
    const { data } = await h.run(LISTING, { first: 100 });
    const nodes = data!.chapters.edges.map((e: any) => e.node);
    const [{ withCountry }] = await h.dataSource.query(
      `SELECT count(*)::int AS "withCountry" FROM (SELECT * FROM chapter ORDER BY name, id LIMIT 100) c WHERE country_code IS NOT NULL`,
    );
    expect(nodes.filter((n: any) => n.country).length).toBe(withCountry);
    expect(nodes.filter((n: any) => n.membership.latest).every((n: any) => n.membership.latest.synthetic === true)).toBe(true);
  });
});

describe("statement counts of other shapes", () => {
  it("node lookups of 20 chapters in one query cost one statement per type asked for", async () => {
    const ids: string[] = (await h.run(`{ chapters(first: 20) { nodes { id } } }`)).data!.chapters.nodes.map((n: any) => n.id);
    const query = `{ ${ids.map((id, i) => `n${i}: node(id: "${id}") { id ... on Chapter { name region { name } } }`).join("\n")} }`;
    const result = await h.run(query);
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data!).map((n: any) => n.id)).toEqual(ids);
    expect(result.statements).toBe(2); // chapters by id, then their regions
  });

  it("membership history of many chapters is one statement per distinct date range", async () => {
    const query = `query($n: Int!) { chapters(first: $n) { nodes {
      membership { all: history { date } recent: history(from: "2025-01-01") { date } }
    } } }`;
    const small = await h.run(query, { n: 5 });
    const large = await h.run(query, { n: 50 });
    expect(large.errors).toBeUndefined();
    expect(small.statements).toBe(3);
    expect(large.statements).toBe(3);
  });

  it("region.chapters pages and memberTotals of every region are one statement each", async () => {
    const result = await h.run(`{ regions { name chapters(first: 5) { totalCount nodes { name } } memberTotals(at: "2020-06-30") { individualMembers } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.regions.length).toBeGreaterThan(1);
    expect(result.statements).toBe(3);
  });

  it("sources cost one statement per depth they are asked at, whatever the row count", async () => {
    const query = `query($n: Int!) { chapters(first: $n) { nodes { source { url } membership { latest { source { synthetic } } } } } }`;
    const small = await h.run(query, { n: 3 });
    const large = await h.run(query, { n: 100 });
    expect(large.statements).toBe(small.statements);
    // chapters, latest snapshots, then chapter sources and snapshot sources (two depths: two batches).
    expect(large.statements).toBe(4);
  });
});

describe("loaders are per request", () => {
  it("a second request loads again instead of reading another request's cache", async () => {
    const first = await h.run(`{ chapter(slug: "benin") { name } }`);
    const second = await h.run(`{ chapter(slug: "benin") { name } }`);
    expect(first.statements).toBe(1);
    expect(second.statements).toBe(1);
  });
});

describe("the loaders of a request", () => {
  it("are made on first use, one DataLoader per loader for the whole request", async () => {
    const loaders = createLoaders(h.sql, "public");
    expect(loaders.chapter).toBe(loaders.chapter);
    expect(loaders.snapshotHistory("2020-01-01", null, null)).toBe(loaders.snapshotHistory("2020-01-01", null, null));
    expect(loaders.snapshotHistory("2020-01-01", null, null)).not.toBe(loaders.snapshotHistory("2021-01-01", null, null));
  });

  it("send one statement per key with batching off (the benchmark's naive reference), one per batch otherwise", async () => {
    const [{ ids }] = await h.dataSource.query(`SELECT array_agg(id ORDER BY id) AS ids FROM (SELECT id FROM chapter ORDER BY id LIMIT 3) c`);
    for (const [options, expected] of [[{ batching: false }, 3], [{}, 1]] as const) {
      const counter = { statements: 0 };
      const loaders = createLoaders(h.sql.counting(counter), "public", options);
      const chapters = await Promise.all(ids.map((id: number) => loaders.chapter.load(id)));
      expect(chapters.map((c) => c?.rowId)).toEqual(ids);
      expect([options, counter.statements]).toEqual([options, expected]);
    }
  });
});
