/**
 * The chapters connection (and region.chapters): cursor paging forwards and
 * backwards, pageInfo, the page-size cap, ordering and filters; cursors bound to
 * their filter, filters that refuse what cannot exist, and the README's example.
 *
 * Expected sets and counts come from SQL written here, independently of the
 * repository's keyset query.
 */
import fs from "node:fs";
import path from "node:path";
import { openHarness, type Harness } from "../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { id: string; slug: string; name: string } }[];
  nodes: { id: string; slug: string; name: string }[];
}

const PAGE = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id slug name } } nodes { id slug name }`;
const CHAPTERS = `query($first: Int, $after: String, $last: Int, $before: String, $filter: ChapterFilter, $orderBy: ChapterOrder) {
  chapters(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) { ${PAGE} }
}`;

async function page(variables: Record<string, unknown>): Promise<Page> {
  const result = await h.run<{ chapters: Page }>(CHAPTERS, variables);
  expect(result.errors).toBeUndefined();
  const connection = result.data!.chapters;
  // nodes are the edges' nodes, and the page's cursors are its first and last edges'.
  expect(connection.nodes).toEqual(connection.edges.map((e) => e.node));
  expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
  expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
  return connection;
}

async function badInput(variables: Record<string, unknown>) {
  const result = await h.run(CHAPTERS, variables);
  expect(result.errors).toBeDefined();
  expect(result.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
  return result.errors![0];
}

/** Every chapter, walking forwards from the start with `first`/`after`; also returns the pages. */
async function walkForward(size: number, extra: Record<string, unknown> = {}): Promise<{ slugs: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const p: Page = await page({ ...extra, first: size, after });
    pages.push(p);
    if (!p.pageInfo.hasNextPage) break;
    after = p.pageInfo.endCursor;
  }
  return { slugs: pages.flatMap((p) => p.nodes.map((n) => n.slug)), pages };
}

/** Every chapter, walking backwards from the end with `last`/`before`, in the order visited (last first). */
async function walkBackward(size: number, extra: Record<string, unknown> = {}): Promise<{ visited: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  let before: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const p: Page = await page({ ...extra, last: size, before });
    pages.push(p);
    if (!p.pageInfo.hasPreviousPage) break;
    before = p.pageInfo.startCursor;
  }
  return { visited: pages.flatMap((p) => p.nodes.map((n) => n.slug).reverse()), pages };
}

async function sqlCount(where = "true", params: unknown[] = []): Promise<number> {
  const [{ count }] = await h.dataSource.query(`SELECT count(*)::int AS count FROM chapter c WHERE ${where}`, params);
  return count;
}

async function sqlSlugs(where = "true", params: unknown[] = []): Promise<string[]> {
  const rows: { slug: string }[] = await h.dataSource.query(`SELECT c.slug FROM chapter c WHERE ${where} ORDER BY c.name, c.id`, params);
  return rows.map((r) => r.slug);
}

describe("chapters: forward paging with first/after", () => {
  it("walks every chapter once, without overlap or gaps, in name order; the union is totalCount", async () => {
    const total = await sqlCount();
    const { slugs, pages } = await walkForward(17);
    expect(total).toBe(130);
    expect(pages.length).toBe(Math.ceil(total / 17));
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toHaveLength(total);
    expect(slugs).toEqual(await sqlSlugs());
    for (const p of pages) expect(p.totalCount).toBe(total);
    expect(pages.slice(0, -1).every((p) => p.nodes.length === 17)).toBe(true);
    expect(pages.at(-1)!.nodes).toHaveLength(total % 17 || 17);
  });

  it("gives the same walk with any page size", async () => {
    const a = await walkForward(100);
    const b = await walkForward(1, {});
    expect(b.slugs).toEqual(a.slugs);
  });

  it("defaults to the first 20 when neither first nor last is given", async () => {
    const p = await page({});
    expect(p.edges).toHaveLength(20);
    expect(p.nodes.map((n) => n.slug)).toEqual((await sqlSlugs()).slice(0, 20));
    expect(p.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it("pageInfo at the start: more follow, none precede", async () => {
    const p = await page({ first: 10 });
    expect(p.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(p.pageInfo.startCursor).not.toBeNull();
  });

  it("pageInfo in the middle: edges follow and precede", async () => {
    const first = await page({ first: 10 });
    const middle = await page({ first: 10, after: first.pageInfo.endCursor });
    expect(middle.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(middle.nodes.map((n) => n.slug)).toEqual((await sqlSlugs()).slice(10, 20));
  });

  it("pageInfo at the end: none follow, edges precede", async () => {
    const { pages } = await walkForward(50);
    const last = pages.at(-1)!;
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(last.nodes).toHaveLength(30);
  });

  it("a page that exactly reaches the end says no more follow", async () => {
    const all = await sqlSlugs();
    const head = await page({ first: 30 });
    const tail = await page({ first: 100, after: head.pageInfo.endCursor });
    expect(tail.nodes.map((n) => n.slug)).toEqual(all.slice(30));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("first: 0 gives an empty page with null cursors, and the total", async () => {
    const p = await page({ first: 0 });
    expect(p.edges).toEqual([]);
    expect(p.nodes).toEqual([]);
    expect(p.totalCount).toBe(await sqlCount());
    expect(p.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it("after the last cursor gives an empty page that has edges before it", async () => {
    const everything = await page({ last: 1 });
    const lastCursor = everything.pageInfo.endCursor;
    const p = await page({ first: 10, after: lastCursor });
    expect(p.edges).toEqual([]);
    expect(p.totalCount).toBe(await sqlCount());
    expect(p.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });

  it("an edge's cursor works as `after` as well as pageInfo.endCursor does", async () => {
    const p = await page({ first: 10 });
    const fromEdge = await page({ first: 5, after: p.edges[4].cursor });
    expect(fromEdge.nodes).toEqual(p.nodes.slice(5, 10));
  });
});

describe("chapters: backward paging with last/before", () => {
  it("walks every chapter backwards: the same set, in reverse order", async () => {
    const forward = await walkForward(100);
    const { visited, pages } = await walkBackward(13);
    expect(new Set(visited).size).toBe(visited.length);
    expect(visited).toEqual([...forward.slugs].reverse());
    expect(pages.length).toBe(Math.ceil(forward.slugs.length / 13));
  });

  it("each backward page is in the connection's order, not reversed", async () => {
    const all = await sqlSlugs();
    const p = await page({ last: 5 });
    expect(p.nodes.map((n) => n.slug)).toEqual(all.slice(-5));
    expect(p.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("pageInfo in the middle and at the start when walking backwards", async () => {
    const all = await sqlSlugs();
    const end = await page({ last: 10 });
    const middle = await page({ last: 10, before: end.pageInfo.startCursor });
    expect(middle.nodes.map((n) => n.slug)).toEqual(all.slice(-20, -10));
    expect(middle.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const second = await page({ first: 1, after: (await page({ first: 1 })).pageInfo.endCursor });
    const start = await page({ last: 10, before: second.pageInfo.startCursor });
    expect(start.nodes.map((n) => n.slug)).toEqual(all.slice(0, 1));
    expect(start.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it("before the first cursor gives an empty page that has edges after it", async () => {
    const first = await page({ first: 1 });
    const p = await page({ last: 10, before: first.pageInfo.startCursor });
    expect(p.edges).toEqual([]);
    expect(p.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it("after and before together give the edges strictly between them", async () => {
    const all = await sqlSlugs();
    const ten = await page({ first: 20 });
    const p = await page({ first: 100, after: ten.edges[4].cursor, before: ten.edges[15].cursor });
    expect(p.nodes.map((n) => n.slug)).toEqual(all.slice(5, 15));
    expect(p.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });
});

describe("chapters: page size and cursor checks", () => {
  it("accepts first: 100 and last: 100", async () => {
    expect((await page({ first: 100 })).edges).toHaveLength(100);
    expect((await page({ last: 100 })).edges).toHaveLength(100);
  });

  it("refuses first: 101 with BAD_USER_INPUT naming `first`", async () => {
    const error = await badInput({ first: 101 });
    expect(error.message).toMatch(/`first`/);
    expect(error.message).toMatch(/100/);
    expect(error.extensions?.argumentName).toBe("first");
  });

  it("refuses last: 101 with BAD_USER_INPUT naming `last`", async () => {
    const error = await badInput({ last: 101 });
    expect(error.message).toMatch(/`last`/);
  });

  it("refuses a negative first", async () => {
    const error = await badInput({ first: -1 });
    expect(error.message).toMatch(/`first`/);
    expect(error.message).toMatch(/-1/);
  });

  it("refuses first and last together", async () => {
    const error = await badInput({ first: 5, last: 5 });
    expect(error.message).toMatch(/`first`/);
    expect(error.message).toMatch(/`last`/);
  });

  it.each([
    ["abc", "abc"],
    ["base64 of garbage", Buffer.from("\u0000\u00ff garbage }{").toString("base64")],
    ["base64url of text that is not JSON", Buffer.from("not json at all").toString("base64url")],
    ["base64url of JSON of another shape", Buffer.from(JSON.stringify({ name: "x", id: 1 })).toString("base64url")],
    ["a global ID instead of a cursor", Buffer.from("Chapter:1").toString("base64url")],
  ])("refuses a malformed after cursor (%s), naming the argument", async (_, cursor) => {
    const error = await badInput({ first: 5, after: cursor });
    expect(error.message).toMatch(/cursor/);
    expect(error.extensions?.argumentName).toBe("after");
  });

  it("refuses a cursor made for another ordering field instead of paging from a meaningless position", async () => {
    const byName = await page({ first: 5 });
    const result = await h.run(CHAPTERS, { first: 5, after: byName.pageInfo.endCursor, orderBy: { field: "SLUG", direction: "DESC" } });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/cursor/);
  });

  it("refuses a malformed before cursor, naming the argument", async () => {
    const error = await badInput({ last: 5, before: "abc" });
    expect(error.message).toMatch(/cursor/);
    expect(error.extensions?.argumentName).toBe("before");
  });
});

describe("chapters: a cursor is bound to its filter and since", () => {
  const AFRICA = { region: "africa" };

  it("the next page of a filtered walk needs the same filter, and gets the rest of that filter's rows", async () => {
    const first = await page({ first: 5, filter: AFRICA });
    const next = await page({ first: 5, filter: AFRICA, after: first.pageInfo.endCursor });
    expect(next.nodes.map((n) => n.slug)).toEqual((await sqlSlugs("c.region_id = (SELECT id FROM region WHERE slug = 'africa')")).slice(5, 10));
  });

  it.each([
    ["without its filter", {}],
    ["under another region", { filter: { region: "europe" } }],
    ["with a condition added", { filter: { ...AFRICA, kind: "CHAPTER" } }],
  ])("refuses a filtered cursor used %s, saying so", async (_, other) => {
    const first = await page({ first: 5, filter: AFRICA });
    for (const args of [{ first: 5, after: first.pageInfo.endCursor }, { last: 5, before: first.pageInfo.startCursor }]) {
      const error = await badInput({ ...args, ...other });
      expect(error.message).toMatch(/another filter/);
      expect(error.extensions?.argumentName).toBe("after" in args ? "after" : "before");
    }
  });

  it("refuses an unfiltered cursor under a filter", async () => {
    const first = await page({ first: 5 });
    expect((await badInput({ first: 5, after: first.pageInfo.endCursor, filter: AFRICA })).message).toMatch(/another filter/);
  });

  it("accepts the same filter spelled differently (country case, search padding) as the same filter", async () => {
    const first = await page({ first: 1, filter: { country: "in", search: "india" } });
    const next = await page({ first: 1, filter: { country: "IN", search: "  india " }, after: first.pageInfo.endCursor });
    expect(next.nodes).toHaveLength(1);
    expect(next.nodes[0].slug).not.toBe(first.nodes[0].slug);
  });

  it("binds chapters(since:) cursors to their since", async () => {
    const query = `query($since: DateTime, $after: String) { chapters(first: 2, since: $since, after: $after) { pageInfo { endCursor } } }`;
    const first = await h.run(query, { since: "2000-01-01T00:00:00Z" });
    const cursor = first.data!.chapters.pageInfo.endCursor;
    expect((await h.run(query, { since: "2000-01-01T00:00:00Z", after: cursor })).errors).toBeUndefined();
    const moved = await h.run(query, { since: "2001-01-01T00:00:00Z", after: cursor });
    expect(moved.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(moved.errors?.[0]?.message).toMatch(/another filter \(or `since`\)/);
  });
});

describe("region.chapters", () => {
  const QUERY = `query($f: ChapterFilter) { region(slug: "africa") { chapters(filter: $f) { totalCount } } }`;

  it("refuses a country no one has, as chapters does", async () => {
    const result = await h.run(QUERY, { f: { country: "XX" } });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/"XX" is not an ISO 3166-1 alpha-2 code of a country/);
  });

  it("ignores a region condition, as its description says: the region is the parent", async () => {
    const plain = await h.run(QUERY, {});
    for (const region of ["europe", "atlantis"]) {
      const result = await h.run(QUERY, { f: { region } });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual(plain.data);
    }
  });
});

describe("the README's pagination example", () => {
  /** The JSON body of the curl example under the README comment that starts with `heading`. */
  const exampleBody = (heading: string): { query: string; variables?: Record<string, unknown> } => {
    const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    const example = new RegExp(`# ${heading}[^\\n]*\\n[^\\n]*\\n  -d '([^']+)'`).exec(readme);
    if (!example) throw new Error(`no README example under "# ${heading}"`);
    return JSON.parse(example[1]);
  };

  it("pages on through the first example's filter with the cursor it returns", async () => {
    const first = exampleBody("African chapters");
    const next = exampleBody("The next page");
    const firstPage = await h.run(first.query, first.variables);
    expect(firstPage.errors).toBeUndefined();
    expect(firstPage.data!.chapters.pageInfo.hasNextPage).toBe(true);
    const nextPage = await h.run(next.query, { ...next.variables, after: firstPage.data!.chapters.pageInfo.endCursor });
    expect(nextPage.errors).toBeUndefined();
    const african: { name: string }[] = await h.dataSource.query(
      `SELECT c.name FROM chapter c JOIN region r ON r.id = c.region_id WHERE r.slug = 'africa' AND c.kind = 'chapter' AND c.archived_at IS NULL ORDER BY c.name, c.id`,
    );
    expect(nextPage.data!.chapters.nodes.map((n: { name: string }) => n.name)).toEqual(african.slice(20, 40).map((row) => row.name));
  });
});

describe("chapters: filters refuse what cannot exist", () => {
  it.each([
    ["an unknown region", { region: "atlantis" }, /filter\.region: no region has the slug "atlantis"; the regions are .*"africa".*`regions \{ slug name \}`/],
    ["a region given by its display name", { region: "Africa" }, /"Africa" is not a region's slug; use "africa" for Africa/],
    ["a region slug in capitals", { region: "EUROPE" }, /use "europe" for Europe/],
    ["a country code no country has", { country: "XX" }, /"XX" is not an ISO 3166-1 alpha-2 code of a country.*`countries \{ code name \}`/],
  ])("refuses %s with BAD_USER_INPUT naming the valid values, instead of an empty page", async (_, filter, message) => {
    const error = await badInput({ first: 5, filter });
    expect(error.message).toMatch(message);
    expect(error.extensions?.argumentName).toBe("filter");
  });

  it("checks that names exist only when nothing matched: a page found costs no more statements than an unfiltered one", async () => {
    const unfiltered = await h.run(CHAPTERS, { first: 5 });
    const filtered = await h.run(CHAPTERS, { first: 5, filter: { region: "africa", country: "BJ" } });
    expect(filtered.errors).toBeUndefined();
    expect(filtered.data!.chapters.totalCount).toBe(1);
    expect(filtered.statements).toBe(unfiltered.statements);
  });

  it("lists every region's slug when refusing one", async () => {
    const error = await badInput({ first: 5, filter: { region: "atlantis" } });
    const regions: { slug: string }[] = await h.dataSource.query(`SELECT slug FROM region`);
    expect(regions.length).toBeGreaterThan(2);
    for (const { slug } of regions) expect(error.message).toContain(`"${slug}"`);
  });

  it.each([
    ["memberStats", `query($f: ChapterFilter) { memberStats(groupBy: REGION, interval: YEAR, from: "2020-01-01", to: "2021-01-01", filter: $f) { key } }`],
    ["growth", `query($f: ChapterFilter) { growth(from: "2020-01-01", to: "2021-01-01", filter: $f) { key } }`],
    ["chapterCounts", `query($f: ChapterFilter) { chapterCounts(groupBy: REGION, filter: $f) { key } }`],
  ])("%s refuses an unknown region the same way", async (_, query) => {
    const result = await h.run(query, { f: { region: "atlantis" } });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/no region has the slug "atlantis"/);
  });
});

describe("chapters: orderBy", () => {
  it("SLUG DESC orders by slug, Z to A, across pages", async () => {
    const { slugs } = await walkForward(40, { orderBy: { field: "SLUG", direction: "DESC" } });
    const rows: { slug: string }[] = await h.dataSource.query(`SELECT slug FROM chapter`);
    const sorted = rows.map((r) => r.slug).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    expect(slugs).toEqual(sorted);
  });

  it("SLUG ASC orders by slug, A to Z, and walks backwards to the same order", async () => {
    const orderBy = { field: "SLUG", direction: "ASC" };
    const { slugs } = await walkForward(40, { orderBy });
    const rows: { slug: string }[] = await h.dataSource.query(`SELECT slug FROM chapter`);
    expect(slugs).toEqual(rows.map((r) => r.slug).sort());
    const { visited } = await walkBackward(40, { orderBy });
    expect(visited).toEqual([...slugs].reverse());
  });

  it("NAME DESC is the reverse of the default order", async () => {
    const asc = await walkForward(100);
    const desc = await walkForward(100, { orderBy: { field: "NAME", direction: "DESC" } });
    expect(desc.slugs).toEqual([...asc.slugs].reverse());
  });

  it("the default is NAME ASC", async () => {
    const explicit = await walkForward(100, { orderBy: { field: "NAME", direction: "ASC" } });
    expect(explicit.slugs).toEqual(await sqlSlugs());
  });
});

describe("chapters: filters", () => {
  it.each([
    ["region", { region: "africa" }, "c.region_id = (SELECT id FROM region WHERE slug = 'africa')"],
    ["country", { country: "BJ" }, "c.country_code = 'BJ'"],
    ["country in lower case", { country: "bj" }, "c.country_code = 'BJ'"],
    ["country with several chapters", { country: "IN" }, "c.country_code = 'IN'"],
    ["kind SIG", { kind: "SIG" }, "c.kind = 'sig'"],
    ["kind CHAPTER", { kind: "CHAPTER" }, "c.kind = 'chapter'"],
    ["status INACTIVE", { status: "INACTIVE" }, "c.status = 'inactive'"],
    ["status IN_FORMATION", { status: "IN_FORMATION" }, "c.status = 'in_formation'"],
    ["search, case-insensitive", { search: "INDIA" }, "strpos(lower(c.name), 'india') > 0"],
    ["search trimmed of surrounding spaces", { search: "  standing group " }, "strpos(lower(c.name), 'standing group') > 0"],
    ["search with % (literal, matches nothing)", { search: "%" }, "strpos(c.name, '%') > 0"],
    ["search with _ (literal, matches nothing)", { search: "_" }, "strpos(c.name, '_') > 0"],
    ["search with a%n (literal, not a wildcard)", { search: "a%n" }, "strpos(lower(c.name), 'a%n') > 0"],
    ["search with a backslash", { search: "\\" }, "strpos(c.name, E'\\\\') > 0"],
    ["region and status", { region: "europe", status: "INACTIVE" }, "c.region_id = (SELECT id FROM region WHERE slug = 'europe') AND c.status = 'inactive'"],
    ["country and kind", { country: "es", kind: "CHAPTER" }, "c.country_code = 'ES' AND c.kind = 'chapter'"],
    ["kind, status and search", { kind: "SIG", status: "INACTIVE", search: "sig" }, "c.kind = 'sig' AND c.status = 'inactive' AND strpos(lower(c.name), 'sig') > 0"],
  ])("%s: totalCount and rows match SQL", async (_, filter, where) => {
    const expected = await sqlSlugs(where);
    expect(await sqlCount(where)).toBe(expected.length);
    const { slugs, pages } = await walkForward(7, { filter });
    expect(pages[0].totalCount).toBe(expected.length);
    expect(slugs).toEqual(expected);
  });

  it("the literal-character searches really match nothing, and the others something", async () => {
    expect((await page({ filter: { search: "%" } })).totalCount).toBe(0);
    expect((await page({ filter: { search: "_" } })).totalCount).toBe(0);
    expect((await page({ filter: { search: "INDIA" } })).totalCount).toBeGreaterThan(1);
    expect((await page({ filter: { kind: "SIG" } })).totalCount).toBe(7);
    expect((await page({ filter: { status: "INACTIVE" } })).totalCount).toBe(13);
    expect((await page({ filter: { country: "bj" } })).nodes.map((n) => n.slug)).toEqual(["benin"]);
  });

  it("filtered rows have the filtered properties", async () => {
    const result = await h.run(`{ chapters(first: 100, filter: { region: "europe", kind: CHAPTER, status: INACTIVE }) {
      nodes { kind status region { slug } }
    } }`);
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.chapters.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) expect(n).toEqual({ kind: "CHAPTER", status: "INACTIVE", region: { slug: "europe" } });
  });

  it("a filtered walk backwards gives the filtered set in reverse", async () => {
    const filter = { region: "asia-pacific" };
    const { visited } = await walkBackward(4, { filter });
    expect(visited).toEqual([...(await sqlSlugs("c.region_id = (SELECT id FROM region WHERE slug = 'asia-pacific')"))].reverse());
  });
});

describe("region.chapters", () => {
  const TWO_REGIONS = `query($a: String, $b: String, $size: Int) {
    africa: region(slug: "africa") { chapters(first: $size, after: $a) { ${PAGE} } }
    europe: region(slug: "europe") { chapters(first: $size, after: $b) { ${PAGE} } }
  }`;

  it("pages two regions in one query, each through all of its own chapters", async () => {
    const seen: Record<"africa" | "europe", string[]> = { africa: [], europe: [] };
    const totals: Record<string, number[]> = { africa: [], europe: [] };
    const cursors: Record<"africa" | "europe", string | null> = { africa: null, europe: null };
    const done = { africa: false, europe: false };
    for (let guard = 0; guard < 50 && !(done.africa && done.europe); guard++) {
      const result = await h.run(TWO_REGIONS, { a: cursors.africa, b: cursors.europe, size: 8 });
      expect(result.errors).toBeUndefined();
      for (const key of ["africa", "europe"] as const) {
        const connection: Page = result.data![key].chapters;
        expect(connection.nodes).toEqual(connection.edges.map((e) => e.node));
        totals[key].push(connection.totalCount);
        if (done[key]) {
          // Past its end: an empty page after the last cursor.
          expect(connection.edges).toEqual([]);
          expect(connection.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
          continue;
        }
        seen[key].push(...connection.nodes.map((n) => n.slug));
        expect(connection.pageInfo.hasPreviousPage).toBe(cursors[key] !== null);
        cursors[key] = connection.pageInfo.endCursor;
        if (!connection.pageInfo.hasNextPage) done[key] = true;
      }
    }
    expect(done).toEqual({ africa: true, europe: true });
    for (const key of ["africa", "europe"] as const) {
      const expected = await sqlSlugs(`c.region_id = (SELECT id FROM region WHERE slug = $1)`, [key]);
      expect(seen[key]).toEqual(expected);
      expect(new Set(totals[key])).toEqual(new Set([expected.length]));
    }
    expect(seen.africa).toHaveLength(37);
    expect(seen.europe).toHaveLength(30);
  });

  it("gives each region its own first page when both are asked with the same arguments", async () => {
    const result = await h.run(TWO_REGIONS, { size: 5 });
    expect(result.errors).toBeUndefined();
    const africa = await sqlSlugs(`c.region_id = (SELECT id FROM region WHERE slug = 'africa')`);
    const europe = await sqlSlugs(`c.region_id = (SELECT id FROM region WHERE slug = 'europe')`);
    expect(result.data!.africa.chapters.nodes.map((n: any) => n.slug)).toEqual(africa.slice(0, 5));
    expect(result.data!.europe.chapters.nodes.map((n: any) => n.slug)).toEqual(europe.slice(0, 5));
    expect(result.data!.africa.chapters.totalCount).toBe(africa.length);
    expect(result.data!.europe.chapters.totalCount).toBe(europe.length);
  });

  it("pages every region with last, filters and orderBy, counts matching SQL", async () => {
    const result = await h.run(`{ regions { slug chapters(last: 3, filter: { kind: CHAPTER }, orderBy: { field: SLUG, direction: DESC }) { ${PAGE} } } }`);
    expect(result.errors).toBeUndefined();
    for (const region of result.data!.regions) {
      const rows: { slug: string }[] = await h.dataSource.query(
        `SELECT c.slug FROM chapter c JOIN region r ON r.id = c.region_id WHERE r.slug = $1 AND c.kind = 'chapter' ORDER BY c.slug DESC`,
        [region.slug],
      );
      const slugs = rows.map((r) => r.slug);
      expect(region.chapters.totalCount).toBe(slugs.length);
      expect(region.chapters.nodes.map((n: any) => n.slug)).toEqual(slugs.slice(-3));
      expect(region.chapters.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: slugs.length > 3 });
    }
  });

  it("ignores a region condition in its filter", async () => {
    const result = await h.run(`{ region(slug: "middle-east") { chapters(first: 100, filter: { region: "africa" }) { totalCount nodes { region { slug } } } } }`);
    expect(result.errors).toBeUndefined();
    const chapters = result.data!.region.chapters;
    expect(chapters.totalCount).toBe(await sqlCount(`c.region_id = (SELECT id FROM region WHERE slug = 'middle-east')`));
    for (const n of chapters.nodes) expect(n.region).toEqual({ slug: "middle-east" });
  });

  it("validates its arguments like chapters does", async () => {
    const result = await h.run(`{ region(slug: "africa") { chapters(first: 101) { totalCount } } }`);
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].message).toMatch(/`first`/);
  });
});
