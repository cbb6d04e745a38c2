/**
 * memberStats, growth and chapterCounts: figures added up by PostgreSQL must
 * reconcile with the rows they come from. Expected figures come from SQL
 * written here (a different formulation from the repository's), from other
 * queries of the API (membership history, region totals), or, on a small
 * hand-made fixture, from arithmetic done by hand.
 */
import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import { dropDatabase, ensureDatabase, withDatabase } from "../../src/db/admin";
import { createDataSource } from "../../src/db/data-source";
import { SqlClient } from "../../src/db/sql";
import { startHttpServer, type HttpServer } from "../../src/http/app";
import { openHarness, runOk, type GraphQLResult, type Harness } from "../support/harness";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const ok = (query: string, variables?: Record<string, unknown>) => runOk(h, query, variables);

async function refused(query: string, variables?: Record<string, unknown>): Promise<NonNullable<GraphQLResult["errors"]>[number]> {
  const result = await h.run(query, variables);
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
  return result.errors![0];
}

const SERIES = `query($groupBy: MemberGrouping!, $interval: StatsInterval!, $from: Date!, $to: Date!, $filter: ChapterFilter) {
  memberStats(groupBy: $groupBy, interval: $interval, from: $from, to: $to, filter: $filter) {
    key label synthetic points { date individualMembers organizationMembers chapterCount synthetic }
  }
}`;
/** SERIES with the groups' kind and status (the enums a KIND or STATUS grouping gives). */
const TYPED_SERIES = SERIES.replace("key label", "key kind status label");

/** Last days of every quarter from 2016 to 2025: the dashboard's default view. */
const QUARTER_ENDS = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2016 + Math.floor(i / 4), (i % 4) * 3 + 3, 0)).toISOString().slice(0, 10));

interface Expected {
  key: string | null;
  date: string;
  individual: number;
  organization: number;
  chapters: number;
  synthetic: boolean;
}

/**
 * Independently of the repository: per date, each chapter's latest snapshot on
 * or before it (DISTINCT ON), summed per region.
 */
async function regionTotalsBySql(dates: string[]): Promise<Expected[]> {
  return h.dataSource.query(
    `SELECT r.slug AS key, d.at::text AS date, sum(x.individual_members)::int AS individual, sum(x.organization_members)::int AS organization,
            count(*)::int AS chapters, bool_or(s.synthetic) AS synthetic
       FROM unnest($1::date[]) AS d(at)
       CROSS JOIN LATERAL (
         SELECT DISTINCT ON (ms.chapter_id) ms.chapter_id, ms.individual_members, ms.organization_members, ms.source_id
           FROM membership_snapshot ms WHERE ms.taken_on <= d.at ORDER BY ms.chapter_id, ms.taken_on DESC
       ) x
       JOIN chapter c ON c.id = x.chapter_id
       LEFT JOIN region r ON r.id = c.region_id
       JOIN source s ON s.id = x.source_id
      GROUP BY r.slug, d.at`,
    [dates],
  );
}

const flatten = (series: any[]): Expected[] =>
  series.flatMap((s) =>
    s.points.map((p: any) => ({
      key: s.key,
      date: p.date,
      individual: p.individualMembers,
      organization: p.organizationMembers,
      chapters: p.chapterCount,
      synthetic: p.synthetic,
    })),
  );

const byKeyAndDate = (rows: Expected[]) => [...rows].sort((a, b) => `${a.key}|${a.date}`.localeCompare(`${b.key}|${b.date}`));

describe("memberStats on the seeded data", () => {
  it("members by region per quarter over ten years: one statement, equal to the snapshots added up independently", async () => {
    const { data, statements } = await ok(SERIES, { groupBy: "REGION", interval: "QUARTER", from: "2016-01-01", to: "2025-12-31" });
    expect(statements).toBe(1);
    const series = data.memberStats;
    const regions = (await h.dataSource.query(`SELECT slug FROM region ORDER BY name`)).map((r: { slug: string }) => r.slug);
    // Every region, by name, then the chapters with no region (global groups and the Interplanetary chapter).
    expect(series.map((s: any) => s.key)).toEqual([...regions, null]);
    expect(series.at(-1).label).toBe("No region");
    for (const s of series) expect(s.points.map((p: any) => p.date)).toEqual(QUARTER_ENDS);

    const expected = await regionTotalsBySql(QUARTER_ENDS);
    // Groups with no snapshot yet at a date have zeros there rather than no point; the independent SQL has no row for them.
    const nonEmpty = flatten(series).filter((p) => p.chapters > 0);
    expect(byKeyAndDate(nonEmpty)).toEqual(byKeyAndDate(expected));
    expect(series.every((s: any) => s.synthetic)).toBe(true);
  });

  it("adds up, over all groups, to the total of every chapter's latest snapshot", async () => {
    const at = "2021-06-30";
    const [total] = await h.dataSource.query(
      `SELECT sum(m.individual_members)::int AS individual, count(*)::int AS chapters FROM chapter c
        CROSS JOIN LATERAL (SELECT individual_members FROM membership_snapshot WHERE chapter_id = c.id AND taken_on <= $1 ORDER BY taken_on DESC LIMIT 1) m`,
      [at],
    );
    for (const groupBy of ["REGION", "COUNTRY", "KIND", "STATUS", "CHAPTER"]) {
      const { data } = await ok(SERIES, { groupBy, interval: "MONTH", from: at, to: at });
      const points = data.memberStats.map((s: any) => s.points[0]);
      expect(points.reduce((sum: number, p: any) => sum + p.individualMembers, 0)).toBe(total.individual);
      expect(points.reduce((sum: number, p: any) => sum + p.chapterCount, 0)).toBe(total.chapters);
    }
  });

  it("agrees with region.memberTotals at the same dates", async () => {
    const { data } = await ok(SERIES, { groupBy: "REGION", interval: "YEAR", from: "2018-01-01", to: "2020-12-31" });
    for (const at of ["2018-12-31", "2019-12-31", "2020-12-31"]) {
      const { data: totals } = await ok(`query($at: Date!) { regions { slug memberTotals(at: $at) { individualMembers organizationMembers chapterCount synthetic } } }`, { at });
      for (const region of totals.regions) {
        const point = data.memberStats.find((s: any) => s.key === region.slug).points.find((p: any) => p.date === at);
        expect({ ...point, date: undefined }).toEqual({ ...region.memberTotals, date: undefined });
      }
    }
  });

  it("per chapter, equals each chapter's own history read back through membership.history", async () => {
    const { data } = await ok(SERIES, { groupBy: "CHAPTER", interval: "QUARTER", from: "2023-01-01", to: "2024-12-31", filter: { country: "KE" } });
    const { data: kenya } = await ok(`{ chapters(first: 100, filter: { country: "KE" }) { nodes { slug name membership { history { date individualMembers organizationMembers } } } } }`);
    expect(data.memberStats.map((s: any) => s.key).sort()).toEqual(kenya.chapters.nodes.map((n: any) => n.slug).sort());
    for (const chapter of kenya.chapters.nodes) {
      const series = data.memberStats.find((s: any) => s.key === chapter.slug);
      expect(series.label).toBe(chapter.name);
      for (const point of series.points) {
        const latest = chapter.membership.history.filter((snapshot: any) => snapshot.date <= point.date).at(-1);
        expect([point.individualMembers, point.organizationMembers, point.chapterCount]).toEqual(
          latest ? [latest.individualMembers, latest.organizationMembers, 1] : [0, 0, 0],
        );
      }
    }
  });

  it("keys kinds and statuses by their enum names, gives them as the enums (kind, status), and keeps groups with no snapshot (inactive chapters) as zeros", async () => {
    const { data } = await ok(TYPED_SERIES, { groupBy: "STATUS", interval: "YEAR", from: "2024-01-01", to: "2024-12-31" });
    const statuses = await h.dataSource.query(`SELECT upper(status) AS key, count(*)::int AS n FROM chapter GROUP BY status ORDER BY status`);
    expect(data.memberStats.map((s: any) => s.key).sort()).toEqual(statuses.map((s: any) => s.key).sort());
    // The ChapterStatus value, typed as an enum: what a chapter filter takes back.
    expect(data.memberStats.map((s: any) => [s.key, s.status, s.kind])).toEqual(data.memberStats.map((s: any) => [s.key, s.key, null]));
    const inactive = data.memberStats.find((s: any) => s.key === "INACTIVE");
    expect(inactive.label).toBe("Inactive");
    expect(inactive.points).toEqual([{ date: "2024-12-31", individualMembers: 0, organizationMembers: 0, chapterCount: 0, synthetic: false }]);
    expect(inactive.synthetic).toBe(false);

    const { data: kinds } = await ok(TYPED_SERIES, { groupBy: "KIND", interval: "YEAR", from: "2024-01-01", to: "2024-12-31" });
    expect(kinds.memberStats.map((s: any) => [s.key, s.label, s.kind, s.status])).toEqual([["CHAPTER", "Chapter", "CHAPTER", null], ["SIG", "Special interest group", "SIG", null]]);
    // Copied from the answer into a filter, the kind selects the same group.
    const { data: sigs } = await ok(`query($kind: ChapterKind) { chapterCounts(groupBy: KIND, filter: { kind: $kind }) { key kind count } }`, { kind: kinds.memberStats[1].kind });
    expect(sigs.chapterCounts).toEqual([{ key: "SIG", kind: "SIG", count: expect.any(Number) }]);
    const { data: regions } = await ok(TYPED_SERIES, { groupBy: "REGION", interval: "YEAR", from: "2024-01-01", to: "2024-12-31" });
    expect(regions.memberStats.every((s: any) => s.kind === null && s.status === null)).toBe(true);
  });
});

describe("memberStats arguments", () => {
  it("dates each point the last day of its interval, the last one cut back to `to`", async () => {
    const dates = async (interval: string, from: string, to: string) =>
      (await ok(SERIES, { groupBy: "KIND", interval, from, to })).data.memberStats[0].points.map((p: any) => p.date);
    expect(await dates("QUARTER", "2024-02-15", "2024-11-10")).toEqual(["2024-03-31", "2024-06-30", "2024-09-30", "2024-11-10"]);
    expect(await dates("MONTH", "2024-01-31", "2024-03-01")).toEqual(["2024-01-31", "2024-02-29", "2024-03-01"]);
    expect(await dates("YEAR", "2023-07-01", "2025-12-31")).toEqual(["2023-12-31", "2024-12-31", "2025-12-31"]);
    expect(await dates("MONTH", "2024-05-05", "2024-05-05")).toEqual(["2024-05-05"]);
  });

  it("refuses `from` after `to`, more than 240 points per series, and more than 20,000 points in all, before sending SQL", async () => {
    const backwards = await refused(SERIES, { groupBy: "REGION", interval: "MONTH", from: "2024-02-01", to: "2024-01-01" });
    expect(backwards.message).toMatch(/`from` must not be after `to`/);

    const long = await h.run(SERIES, { groupBy: "REGION", interval: "MONTH", from: "2000-01-01", to: "2020-01-31" });
    expect(long.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(long.errors![0].message).toMatch(/241 months.*at most 240 points.*longer `interval`/);
    expect(long.statements).toBe(0);
    expect((await ok(SERIES, { groupBy: "REGION", interval: "MONTH", from: "2000-01-01", to: "2019-12-31" })).data.memberStats[0].points).toHaveLength(240);

    const many = await refused(SERIES, { groupBy: "CHAPTER", interval: "MONTH", from: "2006-01-01", to: "2025-12-31" });
    expect(many.message).toMatch(/more than 20000 points: narrow `filter`/);
  });

  it("refuses a bad filter the way `chapters` does", async () => {
    const error = await refused(SERIES, { groupBy: "REGION", interval: "YEAR", from: "2024-01-01", to: "2024-12-31", filter: { country: "Kenya" } });
    expect(error.message).toMatch(/ISO 3166-1 alpha-2/);
  });
});

describe("growth and chapterCounts on the seeded data", () => {
  it("growth is the difference of memberStats at the two dates, in one statement", async () => {
    const { data, statements } = await ok(`{ growth(from: "2020-12-31", to: "2024-12-31", groupBy: REGION) {
      key label synthetic start { date individualMembers } end { date individualMembers }
      individualMembers { absolute relative } organizationMembers { absolute relative } chapterCount { absolute relative }
    } }`);
    expect(statements).toBe(1);
    const expected = await regionTotalsBySql(["2020-12-31", "2024-12-31"]);
    for (const row of data.growth.filter((g: any) => g.key !== null)) {
      const [start, end] = ["2020-12-31", "2024-12-31"].map((date) => expected.find((e) => e.key === row.key && e.date === date)!);
      expect(row.start).toEqual({ date: "2020-12-31", individualMembers: start.individual });
      expect(row.end).toEqual({ date: "2024-12-31", individualMembers: end.individual });
      expect(row.individualMembers.absolute).toBe(end.individual - start.individual);
      expect(row.individualMembers.relative).toBeCloseTo((end.individual - start.individual) / start.individual, 12);
      expect(row.organizationMembers.absolute).toBe(end.organization - start.organization);
      expect(row.synthetic).toBe(true);
    }
  });

  it("chapterCounts equal a GROUP BY of the chapter table, and say no synthetic source went into them", async () => {
    const { data, statements } = await ok(`{ byRegion: chapterCounts(groupBy: REGION) { key label count synthetic }
      byKind: chapterCounts(groupBy: KIND) { key count } byStatus: chapterCounts(groupBy: STATUS, filter: { kind: CHAPTER }) { key count } }`);
    expect(statements).toBe(3);
    const regions = await h.dataSource.query(
      `SELECT r.slug AS key, coalesce(r.name, 'No region') AS label, count(*)::int AS count, false AS synthetic
         FROM chapter c LEFT JOIN region r ON r.id = c.region_id GROUP BY r.slug, r.name ORDER BY r.name IS NULL, r.name`,
    );
    expect(data.byRegion).toEqual(regions);
    const [{ total }] = await h.dataSource.query(`SELECT count(*)::int AS total FROM chapter`);
    expect(data.byKind.reduce((sum: number, g: any) => sum + g.count, 0)).toBe(total);
    const statuses = await h.dataSource.query(`SELECT upper(status) AS key, count(*)::int AS count FROM chapter WHERE kind = 'chapter' GROUP BY status ORDER BY 1`);
    expect([...data.byStatus].sort((a: any, b: any) => a.key.localeCompare(b.key))).toEqual(statuses);
  });
});

/**
 * A database of this test's own, migrated and empty, filled by hand: five
 * chapters whose snapshots have gaps, mid-month dates, a late start, a
 * snapshot before the range and one after it, and a chapter with none.
 */
describe("on a hand-made fixture", () => {
  const serverUrl = () => process.env.TEST_SERVER_URL!;
  const name = `isoc_metrics_${process.pid}`;
  let dataSource: DataSource;
  let server: HttpServer;
  let base: string;

  beforeAll(async () => {
    await dropDatabase(serverUrl(), name);
    await ensureDatabase(serverUrl(), name);
    dataSource = createDataSource(withDatabase(serverUrl(), name), { size: 2 });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: "each" });
    await dataSource.query(`
      INSERT INTO source (id, url, licence_id, synthetic) VALUES (1, 'https://example.org/counted', 'CC0-1.0', false), (2, 'urn:fixture:generated', 'CC0-1.0', true);
      INSERT INTO country (code, name) VALUES ('KE', 'Kenya'), ('FR', 'France');
      INSERT INTO region (id, slug, name) VALUES (1, 'africa', 'Africa'), (2, 'europe', 'Europe');
      INSERT INTO chapter (id, slug, name, kind, status, country_code, region_id, source_id) VALUES
        (1, 'kenya-a', 'Kenya A', 'chapter', 'active', 'KE', 1, 1),
        (2, 'kenya-b', 'Kenya B', 'chapter', 'active', 'KE', 1, 1),
        (3, 'france', 'France', 'chapter', 'active', 'FR', 2, 1),
        (4, 'global-sig', 'Global SIG', 'sig', 'active', NULL, NULL, 1),
        (5, 'closed', 'Closed', 'chapter', 'inactive', 'FR', 2, 1);
      INSERT INTO membership_snapshot (chapter_id, taken_on, individual_members, organization_members, source_id) VALUES
        (1, '2020-01-01', 100, 10, 2), (1, '2020-02-15', 110, 11, 2), (1, '2020-05-01', 130, 12, 1),
        (2, '2020-03-01', 50, 5, 1),
        (3, '2019-12-01', 200, 20, 1), (3, '2020-04-01', 220, 22, 1), (3, '2020-06-30', 250, 25, 1),
        (4, '2020-02-01', 30, 3, 2);
    `);
    server = await startHttpServer({ sql: SqlClient.fromDataSource(dataSource), dataSource }, { port: 0, host: "127.0.0.1", shutdownTimeoutMs: 1000 });
    base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await server?.stop();
    await dataSource?.destroy();
    await dropDatabase(serverUrl(), name);
  });

  async function post(query: string, variables?: Record<string, unknown>): Promise<Record<string, any>> {
    const response = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    return body.data;
  }

  /** [individual, organization, chapters, synthetic] of each point. */
  const figures = (series: any) => series.points.map((p: any) => [p.date, p.individualMembers, p.organizationMembers, p.chapterCount, p.synthetic]);

  it("by region and month: each chapter's latest snapshot on or before each point, worked out by hand", async () => {
    const { memberStats } = await post(SERIES, { groupBy: "REGION", interval: "MONTH", from: "2020-01-10", to: "2020-06-15" });
    expect(memberStats.map((s: any) => [s.key, s.label, s.synthetic])).toEqual([
      ["africa", "Africa", true],
      ["europe", "Europe", false],
      [null, "No region", true],
    ]);
    const [africa, europe, none] = memberStats;
    // Kenya A: 100 (01-01, generated), 110 (02-15, generated), 130 (05-01, counted); Kenya B from 03-01: 50.
    expect(figures(africa)).toEqual([
      ["2020-01-31", 100, 10, 1, true],
      ["2020-02-29", 110, 11, 1, true],
      ["2020-03-31", 160, 16, 2, true],
      ["2020-04-30", 160, 16, 2, true],
      ["2020-05-31", 180, 17, 2, false],
      ["2020-06-15", 180, 17, 2, false],
    ]);
    // France: 200 since 2019-12-01 (before the range), 220 from 04-01; its 06-30 snapshot is after `to`. "Closed" has none.
    expect(figures(europe)).toEqual([
      ["2020-01-31", 200, 20, 1, false],
      ["2020-02-29", 200, 20, 1, false],
      ["2020-03-31", 200, 20, 1, false],
      ["2020-04-30", 220, 22, 1, false],
      ["2020-05-31", 220, 22, 1, false],
      ["2020-06-15", 220, 22, 1, false],
    ]);
    // The SIG, with no region: nothing until its generated snapshot of 02-01.
    expect(figures(none)).toEqual([
      ["2020-01-31", 0, 0, 0, false],
      ["2020-02-29", 30, 3, 1, true],
      ["2020-03-31", 30, 3, 1, true],
      ["2020-04-30", 30, 3, 1, true],
      ["2020-05-31", 30, 3, 1, true],
      ["2020-06-15", 30, 3, 1, true],
    ]);
  });

  it("by quarter, by year, by status and per chapter of a filter", async () => {
    const quarters = await post(SERIES, { groupBy: "REGION", interval: "QUARTER", from: "2020-01-10", to: "2020-06-15" });
    expect(quarters.memberStats.map(figures)).toEqual([
      [["2020-03-31", 160, 16, 2, true], ["2020-06-15", 180, 17, 2, false]],
      [["2020-03-31", 200, 20, 1, false], ["2020-06-15", 220, 22, 1, false]],
      [["2020-03-31", 30, 3, 1, true], ["2020-06-15", 30, 3, 1, true]],
    ]);
    const years = await post(SERIES, { groupBy: "STATUS", interval: "YEAR", from: "2019-06-01", to: "2020-12-31" });
    expect(years.memberStats.map((s: any) => [s.key, ...figures(s)])).toEqual([
      ["ACTIVE", ["2019-12-31", 200, 20, 1, false], ["2020-12-31", 130 + 50 + 250 + 30, 12 + 5 + 25 + 3, 4, true]],
      ["INACTIVE", ["2019-12-31", 0, 0, 0, false], ["2020-12-31", 0, 0, 0, false]],
    ]);
    // France's snapshot of 2020-06-30 falls on the point's very date: it counts there.
    const europe = await post(SERIES, { groupBy: "REGION", interval: "QUARTER", from: "2020-01-01", to: "2020-06-30", filter: { region: "europe" } });
    expect(europe.memberStats.map(figures)).toEqual([[["2020-03-31", 200, 20, 1, false], ["2020-06-30", 250, 25, 1, false]]]);
    const kenya = await post(SERIES, { groupBy: "CHAPTER", interval: "QUARTER", from: "2020-01-01", to: "2020-06-30", filter: { country: "KE" } });
    expect(kenya.memberStats.map((s: any) => [s.key, s.label, ...figures(s)])).toEqual([
      ["kenya-a", "Kenya A", ["2020-03-31", 110, 11, 1, true], ["2020-06-30", 130, 12, 1, false]],
      ["kenya-b", "Kenya B", ["2020-03-31", 50, 5, 1, false], ["2020-06-30", 50, 5, 1, false]],
    ]);
  });

  it("growth: absolute and relative change, relative null from zero", async () => {
    const { growth } = await post(`{ growth(from: "2020-01-31", to: "2020-05-31") {
      key synthetic individualMembers { absolute relative } organizationMembers { absolute relative } chapterCount { absolute relative }
    } }`);
    expect(growth).toEqual([
      { key: "africa", synthetic: true, individualMembers: { absolute: 80, relative: 0.8 }, organizationMembers: { absolute: 7, relative: 0.7 }, chapterCount: { absolute: 1, relative: 1 } },
      { key: "europe", synthetic: false, individualMembers: { absolute: 20, relative: 0.1 }, organizationMembers: { absolute: 2, relative: 0.1 }, chapterCount: { absolute: 0, relative: 0 } },
      { key: null, synthetic: true, individualMembers: { absolute: 30, relative: null }, organizationMembers: { absolute: 3, relative: null }, chapterCount: { absolute: 1, relative: null } },
    ]);
  });

  it("chapterCounts by region, kind and country", async () => {
    const data = await post(`{ region: chapterCounts(groupBy: REGION) { key label count synthetic }
      kind: chapterCounts(groupBy: KIND) { key count } country: chapterCounts(groupBy: COUNTRY) { key label count } }`);
    expect(data.region).toEqual([
      { key: "africa", label: "Africa", count: 2, synthetic: false },
      { key: "europe", label: "Europe", count: 2, synthetic: false },
      { key: null, label: "No region", count: 1, synthetic: false },
    ]);
    expect(data.kind).toEqual([{ key: "CHAPTER", count: 4 }, { key: "SIG", count: 1 }]);
    expect(data.country).toEqual([
      { key: "FR", label: "France", count: 2 },
      { key: "KE", label: "Kenya", count: 2 },
      { key: null, label: "No country", count: 1 },
    ]);
  });
});
