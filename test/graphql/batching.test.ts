/**
 * Batching and planned reads: the number of SQL statements a request sends is
 * set by the query's shape, never by the number of rows it returns. Chapter
 * lists fetch the relations they are asked for in their own statement
 * (src/planning/chapter-plan.ts); what is not planned goes through a loader.
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
  it("sends one statement for 100 chapters, and one for 10 (the page's statement fetches every relation asked for)", async () => {
    const hundred = await h.run(LISTING, { first: 100 });
    const ten = await h.run(LISTING, { first: 10 });
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data!.chapters.edges).toHaveLength(100);
    expect(ten.data!.chapters.edges).toHaveLength(10);
    expect(hundred.statements).toBe(1);
    expect(ten.statements).toBe(1);
  });

  it("the benchmark's listing (nodes, with ids) sends one statement", async () => {
    const listing = `query Listing { chapters(first: 100) { totalCount nodes { id name country { code name } region { name }
      programmes { since programme { name } } membership { latest { date individualMembers organizationMembers synthetic } } } } }`;
    const result = await h.run(listing);
    expect(result.errors).toBeUndefined();
    expect(result.data!.chapters.nodes).toHaveLength(100);
    expect(result.statements).toBe(1);
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

  it("nodes(ids) of 20 or 100 chapters, and chapter(slug), fetch the relations asked for in their own statement", async () => {
    const ids: string[] = (await h.run(`{ chapters(first: 100) { nodes { id } } }`)).data!.chapters.nodes.map((n: any) => n.id);
    const fields = `... on Chapter { slug country { name } region { name } programmes { programme { name } } membership { latest { date source { url } } } }`;
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id ${fields} } }`;
    const twenty = await h.run(query, { ids: ids.slice(0, 20) });
    const hundred = await h.run(query, { ids });
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data!.nodes.map((n: any) => n.id)).toEqual(ids);
    expect(twenty.statements).toBe(1);
    expect(hundred.statements).toBe(1);
    const one = await h.run(`{ a: chapter(slug: "${hundred.data!.nodes[0].slug}") { ${fields} } b: chapter(slug: "no-such-chapter") { ${fields} } }`);
    expect(one.errors).toBeUndefined();
    expect(one.data!.b).toBeNull();
    expect(one.statements).toBe(1); // both aliases (the same joins) in one batch
  });

  it("programme.chapters fetches the participations' chapters and their relations in its own statement", async () => {
    const slugs: string[] = (await h.run(`{ programmes { slug } }`)).data!.programmes.map((p: any) => p.slug).slice(0, 4);
    const programmes = (fields: string) => `{ ${slugs.map((slug, i) => `p${i}: programme(slug: "${slug}") { name chapters { ${fields} } }`).join(" ")} }`;
    const result = await h.run(programmes(`since chapter { name country { name } region { name } membership { latest { date } } }`));
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data!).flatMap((p: any) => p.chapters).length).toBeGreaterThan(5);
    expect(result.statements).toBe(2); // the programmes, then every programme's participations with their chapters
    const unplanned = await h.run(programmes("since"));
    expect(unplanned.statements).toBe(2); // without chapters: the participations alone, through their loader
  });

  it("membership histories of a page come in the page's statement, whatever the page size and the ranges asked", async () => {
    const query = `query($n: Int!, $from: Date) { chapters(first: $n) { nodes {
      membership { all: history { date } recent: history(from: $from) { date } }
    } } }`;
    const small = await h.run(query, { n: 5, from: "2025-01-01" });
    const large = await h.run(query, { n: 50, from: "2025-01-01" });
    expect(large.errors).toBeUndefined();
    expect(large.data!.chapters.nodes.some((n: any) => n.membership.all.length > n.membership.recent.length)).toBe(true);
    expect(small.statements).toBe(1);
    expect(large.statements).toBe(1);
  });

  it("membership histories below an unplanned field are one statement per distinct date range", async () => {
    const query = `query($n: Int!) { chapters(first: $n) { nodes { membership { latest { chapter {
      membership { all: history { date } recent: history(from: "2025-01-01") { date } } } } } } } }`;
    const small = await h.run(query, { n: 5 });
    const large = await h.run(query, { n: 50 });
    expect(large.errors).toBeUndefined();
    // The page with its latest snapshots, the snapshots' chapters through their loader, then one statement per range.
    expect(small.statements).toBe(4);
    expect(large.statements).toBe(4);
  });

  it("a history with `from` after `to` in a planned read is refused at the history's own path", async () => {
    const result = await h.run(`{ chapters(first: 3) { nodes { name membership { history(from: "2025-01-01", to: "2024-01-01") { date } } } } }`);
    expect(result.errors?.map((e) => [e.extensions?.code, (e as { path?: unknown[] }).path?.join(".")])).toEqual([
      ["BAD_USER_INPUT", "chapters.nodes.0.membership.history"],
    ]);
  });

  it("region.chapters pages and memberTotals of every region are one statement each", async () => {
    const result = await h.run(`{ regions { name chapters(first: 5) { totalCount nodes { name } } memberTotals(at: "2020-06-30") { individualMembers } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.regions.length).toBeGreaterThan(1);
    expect(result.statements).toBe(3);
  });

  it("region.chapters pages fetch their chapters' relations in their own statement, whatever the page size", async () => {
    const query = `query($n: Int!) { regions { chapters(first: $n) { nodes { name country { name } region { slug } source { url }
      programmes { programme { name } } membership { latest { individualMembers source { synthetic } } } } } } }`;
    const small = await h.run(query, { n: 2 });
    const large = await h.run(query, { n: 50 });
    expect(large.errors).toBeUndefined();
    expect(small.statements).toBe(2); // the regions, then every region's page with its relations
    expect(large.statements).toBe(2);
  });

  it("relations below a planned one go through their loaders, one statement per depth", async () => {
    const query = `query($n: Int!) { chapters(first: $n) { nodes { programmes { source { url } programme { source { url } } } } } }`;
    const small = await h.run(query, { n: 40 });
    const large = await h.run(query, { n: 100 });
    expect(large.errors).toBeUndefined();
    expect(small.data!.chapters.nodes.some((n: any) => n.programmes.length)).toBe(true);
    // The page with participations and programmes, then the participations' and the programmes' sources: one batch per
    // depth at most (whether DataLoader sends the two depths together depends on promise timing, not on the row count).
    for (const { statements } of [small, large]) {
      expect(statements).toBeGreaterThanOrEqual(2);
      expect(statements).toBeLessThanOrEqual(3);
    }
  });

  it("sources cost one statement per depth they are asked at, whatever the row count", async () => {
    const query = `query($n: Int!) { chapters(first: $n) { nodes { source { url } membership { latest { source { synthetic } } } } } }`;
    const small = await h.run(query, { n: 3 });
    const large = await h.run(query, { n: 100 });
    expect(large.statements).toBe(small.statements);
    // The chapters' and their latest snapshots' sources come with the page.
    expect(large.statements).toBe(1);
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
    const range = (from: string) => ({ from, to: null, since: null });
    expect(loaders.snapshotHistory(range("2020-01-01"))).toBe(loaders.snapshotHistory(range("2020-01-01")));
    expect(loaders.snapshotHistory(range("2020-01-01"))).not.toBe(loaders.snapshotHistory(range("2021-01-01")));
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
