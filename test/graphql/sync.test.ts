/**
 * Sync for researchers: every stored record says when it last changed
 * (`updatedAt`), `chapters` and `membership.history` take `since` for
 * incremental pulls, and `sources` lists every source with the number of
 * records citing it. Expected values come from SQL written here.
 */
import type { AddressInfo } from "node:net";
import { isInterfaceType, isObjectType } from "graphql";
import { getSchema } from "../../src/graphql/schema";
import { startHttpServer, type HttpServer } from "../../src/http/app";
import { createScratchDatabase, type ScratchDatabase } from "../import/scratch-database";
import { openHarness, runOk, type Harness } from "../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const ok = (query: string, variables?: Record<string, unknown>) => runOk(h, query, variables);

/** A DateTime as it goes over the wire (in-process results hold Date objects). */
const iso = (value: unknown) => new Date(value as string).toISOString();

describe("updatedAt", () => {
  it("is on every object type with a global ID, and on the organization: exactly the types stored in a table", () => {
    const schema = getSchema();
    const timestamped = schema.getType("Timestamped");
    expect(isInterfaceType(timestamped)).toBe(true);
    const objectTypes = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && !type.name.startsWith("__"));
    const implementing = (name: string) => objectTypes.filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === name)).map((t) => t.name);
    expect(implementing("Timestamped").sort()).toEqual([...implementing("Node"), "Organization"].sort());
  });

  it("is each row's updated_at, to the millisecond, on chapters, snapshots, sources, regions, countries and the rest", async () => {
    const { data } = await ok(`{
      chapter(slug: "kenya") { updatedAt region { updatedAt } country { updatedAt } source { updatedAt } membership { latest { updatedAt } } }
      organization { updatedAt offices { updatedAt } }
      principles { updatedAt } programmes { updatedAt chapters { updatedAt } } awards { updatedAt recipients { updatedAt } }
    }`);
    const [row] = await h.dataSource.query(
      `SELECT c.updated_at AS chapter, r.updated_at AS region, co.updated_at AS country, s.updated_at AS source,
              (SELECT updated_at FROM membership_snapshot WHERE chapter_id = c.id ORDER BY taken_on DESC LIMIT 1) AS latest
         FROM chapter c JOIN region r ON r.id = c.region_id JOIN country co ON co.code = c.country_code JOIN source s ON s.id = c.source_id
        WHERE c.slug = 'kenya'`,
    );
    const ms = (value: Date) => value.toISOString();
    expect(iso(data.chapter.updatedAt)).toBe(ms(row.chapter));
    expect(iso(data.chapter.region.updatedAt)).toBe(ms(row.region));
    expect(iso(data.chapter.country.updatedAt)).toBe(ms(row.country));
    expect(iso(data.chapter.source.updatedAt)).toBe(ms(row.source));
    expect(iso(data.chapter.membership.latest.updatedAt)).toBe(ms(row.latest));
    const [{ organization }] = await h.dataSource.query(`SELECT updated_at AS organization FROM organization`);
    expect(iso(data.organization.updatedAt)).toBe(ms(organization));
    for (const value of [...data.organization.offices, ...data.principles, ...data.programmes, ...data.awards]) expect(value.updatedAt).toBeInstanceOf(Date);
  });

  it("costs no statement of its own: the chapter listing sends as many statements with it as without", async () => {
    const listing = (extra: string) => `{ chapters(first: 100) { nodes { name ${extra} country { code ${extra} } region { slug ${extra} }
      programmes { since ${extra} programme { name ${extra} } } membership { latest { date ${extra} } } } } }`;
    const without = await ok(listing(""));
    const withUpdatedAt = await ok(listing("updatedAt"));
    expect(withUpdatedAt.statements).toBe(without.statements);
  });
});

describe("sources", () => {
  it("lists every source with its licence, retrieval date, synthetic flag and the records citing it, counted in the same statement", async () => {
    const { data, statements } = await ok(`{ sources { id url title licenceId licenceNote licence retrievedOn synthetic note citationCount } }`);
    expect(statements).toBe(1);
    // Independently: every table with a source_id column, as the database describes itself, counted one by one.
    const tables: { table: string }[] = await h.dataSource.query(
      `SELECT table_name AS table FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'source_id' ORDER BY table_name`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(12);
    const counts = new Map<number, number>();
    for (const { table } of tables) {
      for (const row of await h.dataSource.query(`SELECT source_id AS id, count(*)::int AS n FROM "${table}" GROUP BY source_id`)) {
        counts.set(row.id, (counts.get(row.id) ?? 0) + row.n);
      }
    }
    const sources = await h.dataSource.query(`SELECT id, url, licence_id, licence_note, retrieved_on::text AS "retrievedOn", synthetic FROM source ORDER BY url`);
    expect(data.sources.map((s: any) => [s.url, s.licenceId, s.licenceNote, s.licence, s.retrievedOn, s.synthetic, s.citationCount])).toEqual(
      sources.map((s: any) => [s.url, s.licence_id, s.licence_note, s.licence_id ?? s.licence_note, s.retrievedOn, s.synthetic, counts.get(s.id) ?? 0]),
    );
    const synthetic = data.sources.filter((s: any) => s.synthetic);
    expect(synthetic).toHaveLength(1);
    const [{ snapshots }] = await h.dataSource.query(`SELECT count(*)::int AS snapshots FROM membership_snapshot`);
    expect(synthetic[0].citationCount).toBe(snapshots);
  });

  it("counts the same for a source reached from a record, one batch for all of them", async () => {
    const { data: list } = await ok(`{ sources { url citationCount } }`);
    const byUrl = new Map(list.sources.map((s: any) => [s.url, s.citationCount]));
    const { data, statements } = await ok(`{ chapters(first: 50) { nodes { source { url citationCount } } } }`);
    expect(statements).toBe(2); // chapters with their sources (a planned read), then the sources' citation counts
    for (const { source } of data.chapters.nodes) expect(source.citationCount).toBe(byUrl.get(source.url));
  });
});

/** `since` needs rows changed at known instants: a database of this file's own, seeded, then touched. */
describe("since", () => {
  let db: ScratchDatabase;
  let server: HttpServer;
  let base: string;

  beforeAll(async () => {
    db = await createScratchDatabase("isoc_graphql_sync");
    // Everything was seeded in 2026; two chapters and one snapshot change later, at instants chosen for the test.
    await db.dataSource.query(`UPDATE chapter SET updated_at = '2030-01-01T00:00:00.000500Z' WHERE slug = 'kenya'`);
    await db.dataSource.query(`UPDATE chapter SET updated_at = '2030-01-02T00:00:00Z' WHERE slug = 'benin'`);
    await db.dataSource.query(
      `UPDATE membership_snapshot SET updated_at = '2030-01-03T00:00:00Z' WHERE taken_on = '2025-06-01' AND chapter_id = (SELECT id FROM chapter WHERE slug = 'kenya')`,
    );
    server = await startHttpServer(db, { port: 0, host: "127.0.0.1", shutdownTimeoutMs: 1000 });
    base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  async function post(query: string, variables?: Record<string, unknown>): Promise<{ data?: Record<string, any>; errors?: any[] }> {
    const response = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    return response.json();
  }

  const CHANGED = `query($since: DateTime, $first: Int, $after: String) {
    chapters(since: $since, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { slug updatedAt } }
  }`;
  const changedSince = async (since: string) => {
    const { data, errors } = await post(CHANGED, { since, first: 100 });
    expect(errors).toBeUndefined();
    return data!.chapters.nodes.map((n: any) => n.slug).sort();
  };

  it("chapters: only those changed strictly after the instant", async () => {
    expect(await changedSince("2029-12-31T23:59:59Z")).toEqual(["benin", "kenya"]);
    expect(await changedSince("2030-01-01T00:00:00.001Z")).toEqual(["benin"]);
    expect(await changedSince("2030-01-02T00:00:00Z")).toEqual([]);
    const { data } = await post(CHANGED, { first: 1 });
    expect(data!.chapters.totalCount).toBe(130);
  });

  it("chapters: the largest updatedAt received, passed back, loses nothing (a change in that millisecond may come again)", async () => {
    const { data } = await post(CHANGED, { since: "2029-12-31T00:00:00Z", first: 100 });
    const kenya = data!.chapters.nodes.find((n: any) => n.slug === "kenya");
    expect(kenya.updatedAt).toBe("2030-01-01T00:00:00.000Z"); // stored as …00.000500: shown to the millisecond
    expect(await changedSince(kenya.updatedAt)).toEqual(["benin", "kenya"]);
  });

  it("chapters: pages through the changed set with the usual cursors", async () => {
    const first = await post(CHANGED, { since: "2029-12-31T00:00:00Z", first: 1 });
    expect(first.data!.chapters.totalCount).toBe(2);
    expect(first.data!.chapters.pageInfo.hasNextPage).toBe(true);
    const second = await post(CHANGED, { since: "2029-12-31T00:00:00Z", first: 1, after: first.data!.chapters.pageInfo.endCursor });
    expect([first.data!.chapters.nodes[0].slug, second.data!.chapters.nodes[0].slug]).toEqual(["benin", "kenya"]);
    expect(second.data!.chapters.pageInfo.hasNextPage).toBe(false);
  });

  it("membership.history: only the snapshots changed after the instant, within from/to", async () => {
    const { data, errors } = await post(`{ chapters(first: 100, filter: { country: "KE" }) { nodes { slug membership {
      changed: history(since: "2029-12-31T00:00:00Z") { date updatedAt }
      changedEarly: history(since: "2029-12-31T00:00:00Z", to: "2025-01-01") { date }
      all: history { date }
    } } } }`);
    expect(errors).toBeUndefined();
    const withChanges = data!.chapters.nodes.filter((n: any) => n.membership.changed.length > 0);
    expect(withChanges.map((n: any) => [n.slug, n.membership.changed])).toEqual([["kenya", [{ date: "2025-06-01", updatedAt: "2030-01-03T00:00:00.000Z" }]]]);
    expect(withChanges[0].membership.changedEarly).toEqual([]);
    const [{ snapshots }] = await db.dataSource.query(
      `SELECT count(*)::int AS snapshots FROM membership_snapshot WHERE chapter_id IN (SELECT id FROM chapter WHERE country_code = 'KE')`,
    );
    expect(data!.chapters.nodes.reduce((sum: number, n: any) => sum + n.membership.all.length, 0)).toBe(snapshots);
  });

  it("refuses a since that is not a date-time, saying what to send", async () => {
    const { errors } = await post(CHANGED, { since: "yesterday" });
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions.code).toBe("BAD_USER_INPUT");
    expect(errors![0].message).toMatch(/DateTime/);
  });
});
