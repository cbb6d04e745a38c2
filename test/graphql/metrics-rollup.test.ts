/**
 * memberTotals, memberStats and growth read membership_rollup, which triggers
 * keep on every write. Here random writes go through every path there is —
 * mutations over HTTP (records, corrections of old snapshots, a chapter
 * changing region, country, kind or status, archiving, restoring), imports of
 * membership and chapter files, the seed run again, the synthetic bulk load,
 * and plain SQL for what no API path does (a source turning synthetic, a
 * snapshot deleted) — and after each batch every rollup-backed answer must
 * equal the same figure worked out from scratch, by the SQL below: per chapter,
 * its latest snapshot on or before the date, looked up one by one.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { toGlobalId } from "../../src/graphql/relay/global-id";
import { importFile } from "../../src/import/import";
import { seedDatabase } from "../../src/seed/seed";
import { SYNTHETIC_DATASET_SOURCE, seedSyntheticDataset } from "../../src/seed/synthetic-dataset";
import { SYNTHETIC_LICENCE_NOTE, SYNTHETIC_MEMBERSHIP_SOURCE } from "../../src/seed/synthetic-membership";
import { openHarness, serveHttp, type Harness } from "../support/harness";
import { createKey, postGraphQL } from "../support/keys";

let h: Harness;
let base: string;
let stop: () => Promise<void>;
let editor: string;
let dir: string;
/** A real (not synthetic) source the seed recorded. */
let realSource: string;

beforeAll(async () => {
  h = await openHarness({ scratch: true });
  const served = await serveHttp(h);
  base = served.base;
  stop = served.server.stop;
  editor = await createKey(h.sql, "rollup-editor", "editor");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "isoc-rollup-"));
  [{ url: realSource }] = await h.dataSource.query(`SELECT s.url FROM chapter c JOIN source s ON s.id = c.source_id WHERE c.slug = 'kenya'`);
});
afterAll(async () => {
  await stop();
  await h.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A small deterministic generator (mulberry32): the same batches on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(20261203);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
/** A day from 2014 to 2027, often inside a month. */
const randomDate = () => `${between(2014, 2027)}-${String(between(1, 12)).padStart(2, "0")}-${String(pick([1, 1, between(2, 28)])).padStart(2, "0")}`;

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Record<string, any>> {
  const result = await postGraphQL(base, query, variables, { token });
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** A mutation that may be refused as a conflict (a date already taken): that changes nothing, which the checks also cover. */
async function mutate(query: string, variables: Record<string, unknown>): Promise<void> {
  const result = await postGraphQL(base, query, variables, { token: editor });
  if (result.errors) expect(result.errors.map((e) => e.extensions?.code)).toEqual(["CONFLICT"]);
}

const one = async <T = any>(text: string, values: unknown[] = []): Promise<T> => (await h.dataSource.query(text, values))[0];

async function randomChapter(): Promise<{ id: number; slug: string; version: number; archived: boolean }> {
  return one(`SELECT id, slug, version, archived_at IS NOT NULL AS archived FROM chapter ORDER BY random() LIMIT 1`);
}

// ---- The writes ----

async function recordSnapshot(): Promise<void> {
  const { slug } = await randomChapter();
  await mutate(`mutation($i: MembershipInput!) { recordMembership(input: $i) { id } }`, {
    i: { chapterSlug: slug, takenOn: randomDate(), individualMembers: between(0, 900), organizationMembers: between(0, 40), sourceUrl: pick([realSource, SYNTHETIC_MEMBERSHIP_SOURCE.url]) },
  });
}

/** Corrects a snapshot, often an old one: its counts, sometimes its date or its source (real or synthetic). */
async function correctSnapshot(): Promise<void> {
  const snapshot = await one(`SELECT id, version FROM membership_snapshot ORDER BY random() LIMIT 1`);
  const patch: Record<string, unknown> = { individualMembers: between(0, 900), organizationMembers: between(0, 40) };
  if (random() < 0.3) patch.takenOn = randomDate();
  if (random() < 0.3) patch.sourceUrl = pick([realSource, SYNTHETIC_MEMBERSHIP_SOURCE.url]);
  await mutate(`mutation($id: ID!, $v: Int!, $p: MembershipPatch!) { correctMembership(id: $id, version: $v, patch: $p) { id } }`, {
    id: toGlobalId("MembershipSnapshot", snapshot.id), v: snapshot.version, p: patch,
  });
}

/** Moves a chapter to another region, country, kind or status (and restores it if archived: updateChapter does). */
async function regroupChapter(): Promise<void> {
  const chapter = await randomChapter();
  const patch = pick<Record<string, unknown>>([
    { regionSlug: pick(["africa", "europe", "asia-pacific", null]) },
    { countryCode: pick(["KE", "FR", "BR", null]) },
    { kind: pick(["CHAPTER", "SIG"]) },
    { status: pick(["ACTIVE", "IN_FORMATION", "INACTIVE"]) },
    { regionSlug: "north-america", countryCode: "US", status: "ACTIVE" },
  ]);
  await mutate(`mutation($id: ID!, $v: Int!, $p: ChapterPatch!) { updateChapter(id: $id, version: $v, patch: $p) { id } }`, {
    id: toGlobalId("Chapter", chapter.id), v: chapter.version, p: patch,
  });
}

async function archiveOrRestoreChapter(): Promise<void> {
  const chapter = await randomChapter();
  const variables = { id: toGlobalId("Chapter", chapter.id), v: chapter.version };
  if (chapter.archived) await mutate(`mutation($id: ID!, $v: Int!) { updateChapter(id: $id, version: $v, patch: {}) { id } }`, variables);
  else await mutate(`mutation($id: ID!, $v: Int!) { archiveChapter(id: $id, version: $v) { id } }`, variables);
}

async function importRows(name: string, rows: Record<string, unknown>[]): Promise<void> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, stringify(rows, { header: true }));
  const outcome = await importFile(h.dataSource, file);
  expect(outcome.ok).toBe(true);
}

/** A membership file of new dates and existing ones (an upsert that both inserts and updates, in one statement). */
async function importMembership(): Promise<void> {
  const existing: { slug: string; taken_on: string }[] = await h.dataSource.query(
    `SELECT c.slug, ms.taken_on::text FROM membership_snapshot ms JOIN chapter c ON c.id = ms.chapter_id ORDER BY random() LIMIT 4`,
  );
  const fresh = await Promise.all([1, 2, 3].map(async () => ({ slug: (await randomChapter()).slug, taken_on: randomDate() })));
  const keys = new Map([...existing, ...fresh].map((k) => [`${k.slug}|${k.taken_on}`, k]));
  await importRows(
    `membership-${Date.now()}.csv`,
    [...keys.values()].map((k) => {
      const synthetic = random() < 0.5;
      return {
        chapter_slug: k.slug, taken_on: k.taken_on, individual_members: between(0, 900), organization_members: between(0, 40),
        source_url: synthetic ? SYNTHETIC_MEMBERSHIP_SOURCE.url : realSource, source_licence_id: "", source_licence_note: "", synthetic: synthetic ? "true" : "",
      };
    }),
  );
}

/** A chapters file that moves a few chapters between regions and statuses. */
async function importChapters(): Promise<void> {
  const chapters: Record<string, unknown>[] = await h.dataSource.query(
    `SELECT c.slug, c.name, c.kind, c.status, c.country_code, r.slug AS region_slug, c.founded_on::text, c.website, c.evidence_note, s.url AS source_url
       FROM chapter c LEFT JOIN region r ON r.id = c.region_id JOIN source s ON s.id = c.source_id ORDER BY random() LIMIT 3`,
  );
  await importRows(
    `chapters-${Date.now()}.csv`,
    chapters.map((c) => ({
      ...c, region_slug: pick(["europe", "latin-america-caribbean", c.region_slug]), status: pick(["active", "inactive", c.status]),
      source_licence_id: "", source_licence_note: "", synthetic: "",
    })),
  );
}

/** What no API path does, and the triggers must still follow: a source turning synthetic or real, a snapshot deleted. */
async function plainSql(): Promise<void> {
  if (random() < 0.5) await h.dataSource.query(`UPDATE source SET synthetic = NOT synthetic WHERE url = $1`, [realSource]);
  else await h.dataSource.query(`DELETE FROM membership_snapshot WHERE id = (SELECT id FROM membership_snapshot ORDER BY random() LIMIT 1)`);
}

const WRITES = [recordSnapshot, correctSnapshot, correctSnapshot, regroupChapter, archiveOrRestoreChapter, importMembership, importChapters, plainSql];

// ---- From scratch ----

/** Before, on and after the data, and inside months. */
const DATES = ["2013-12-31", "2016-01-01", "2016-01-31", "2019-02-14", "2020-12-31", "2023-07-19", "2025-12-31", "2027-06-15"];

/** region.memberTotals as it was computed before the rollup: per chapter of the region, a lookup of its latest snapshot. */
async function memberTotalsFromScratch(at: string): Promise<Record<string, unknown>[]> {
  return h.dataSource.query(
    `SELECT r.slug, coalesce(sum(m.individual_members), 0)::int AS "individualMembers", coalesce(sum(m.organization_members), 0)::int AS "organizationMembers",
            count(m.chapter_id)::int AS "chapterCount", coalesce(bool_or(m.synthetic), false) AS synthetic
       FROM region r
       LEFT JOIN chapter c ON c.region_id = r.id AND c.archived_at IS NULL
       LEFT JOIN LATERAL (
         SELECT ms.chapter_id, ms.individual_members, ms.organization_members, s.synthetic
           FROM membership_snapshot ms JOIN source s ON s.id = ms.source_id
          WHERE ms.chapter_id = c.id AND ms.taken_on <= $1::date
          ORDER BY ms.taken_on DESC LIMIT 1
       ) m ON true
      GROUP BY r.slug ORDER BY r.slug`,
    [at],
  );
}

const KEYS: Record<string, string> = { REGION: "r.slug", COUNTRY: "c.country_code::text", KIND: "upper(c.kind)", STATUS: "upper(c.status)" };

interface Filter {
  region?: string;
  country?: string;
  kind?: string;
  status?: string;
}

/** Per group of the current chapters meeting `filter` and per date: their latest snapshots on or before it, summed. */
async function pointsFromScratch(groupBy: string, filter: Filter, dates: string[]): Promise<Record<string, unknown>[]> {
  const values: unknown[] = [dates];
  const where = ["c.archived_at IS NULL"];
  const condition = (sql: string, value: unknown) => where.push(sql.replace("?", `$${values.push(value)}`));
  if (filter.region) condition("r.slug = ?", filter.region);
  if (filter.country) condition("c.country_code = ?", filter.country);
  if (filter.kind) condition("c.kind = lower(?)", filter.kind);
  if (filter.status) condition("c.status = lower(?)", filter.status);
  return h.dataSource.query(
    `SELECT ${KEYS[groupBy]} AS key, d.at::text AS date,
            coalesce(sum(m.individual_members), 0)::int AS "individualMembers", coalesce(sum(m.organization_members), 0)::int AS "organizationMembers",
            count(m.individual_members)::int AS "chapterCount", coalesce(bool_or(m.synthetic), false) AS synthetic
       FROM chapter c LEFT JOIN region r ON r.id = c.region_id
      CROSS JOIN unnest($1::date[]) AS d(at)
       LEFT JOIN LATERAL (
         SELECT ms.individual_members, ms.organization_members, s.synthetic
           FROM membership_snapshot ms JOIN source s ON s.id = ms.source_id
          WHERE ms.chapter_id = c.id AND ms.taken_on <= d.at
          ORDER BY ms.taken_on DESC LIMIT 1
       ) m ON true
      WHERE ${where.join(" AND ")}
      GROUP BY 1, 2`,
    values,
  );
}

const sorted = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => `${a.key}|${a.date}`.localeCompare(`${b.key}|${b.date}`));

// ---- The checks ----

async function checkMemberTotals(): Promise<void> {
  const aliases = DATES.map((at, i) => `d${i}: memberTotals(at: "${at}") { individualMembers organizationMembers chapterCount synthetic }`).join(" ");
  const { regions } = await gql(`{ regions { slug ${aliases} } }`);
  for (const [i, at] of DATES.entries()) {
    const answered = regions.map((r: any) => ({ slug: r.slug, ...r[`d${i}`] })).sort((a: any, b: any) => a.slug.localeCompare(b.slug));
    expect({ at, totals: answered }).toEqual({ at, totals: await memberTotalsFromScratch(at) });
  }
}

const SERIES = `query($groupBy: MemberGrouping!, $interval: StatsInterval!, $from: Date!, $to: Date!, $filter: ChapterFilter) {
  memberStats(groupBy: $groupBy, interval: $interval, from: $from, to: $to, filter: $filter) { key points { date individualMembers organizationMembers chapterCount synthetic } }
}`;

async function checkMemberStats(): Promise<void> {
  const { region } = await one(`SELECT r.slug AS region FROM chapter c JOIN region r ON r.id = c.region_id ORDER BY random() LIMIT 1`);
  const filters: Filter[] = [{}, { region }, { kind: "CHAPTER" }, { country: "KE" }, { status: "ACTIVE", region }];
  for (const groupBy of Object.keys(KEYS)) {
    for (const filter of filters) {
      // Quarters from inside one month to inside another: every point a quarter end but the last, `to` itself.
      const { memberStats } = await gql(SERIES, { groupBy, interval: "QUARTER", from: "2015-11-03", to: "2026-02-14", filter });
      const answered = memberStats.flatMap((s: any) => s.points.map((p: any) => ({ key: s.key, ...p })));
      const dates = memberStats[0]?.points.map((p: any) => p.date) ?? [];
      expect({ groupBy, filter, points: sorted(answered) }).toEqual({ groupBy, filter, points: sorted(await pointsFromScratch(groupBy, filter, dates)) });
    }
  }
}

async function checkGrowth(): Promise<void> {
  for (const groupBy of ["REGION", "KIND"]) {
    const { growth } = await gql(`query($groupBy: MemberGrouping!) { growth(from: "2018-05-17", to: "2025-08-09", groupBy: $groupBy) {
      key start { date individualMembers organizationMembers chapterCount synthetic } end { date individualMembers organizationMembers chapterCount synthetic } } }`, { groupBy });
    const answered = growth.flatMap((g: any) => [g.start, g.end].map((p: any) => ({ key: g.key, ...p })));
    expect({ groupBy, points: sorted(answered) }).toEqual({ groupBy, points: sorted(await pointsFromScratch(groupBy, {}, ["2018-05-17", "2025-08-09"])) });
  }
}

/** The rollup itself, every grain, at DATES and at a dozen dates snapshots have and the days before: equal to the latest snapshots summed. */
async function checkRollupTable(): Promise<void> {
  const [{ missing, extra }] = await h.dataSource.query(`
    WITH sampled AS (SELECT taken_on FROM (SELECT DISTINCT taken_on FROM membership_snapshot) d ORDER BY random() LIMIT 12),
    dates AS (SELECT taken_on AS at FROM sampled UNION SELECT taken_on - 1 FROM sampled UNION SELECT unnest($1::date[])),
    latest AS (
      SELECT d.at, c.region_id, c.country_code, c.kind, c.status, m.individual_members, m.organization_members, m.synthetic
        FROM dates d CROSS JOIN chapter c
       CROSS JOIN LATERAL (SELECT ms.individual_members, ms.organization_members, s.synthetic FROM membership_snapshot ms JOIN source s ON s.id = ms.source_id
                            WHERE ms.chapter_id = c.id AND ms.taken_on <= d.at ORDER BY ms.taken_on DESC LIMIT 1) m
       WHERE c.archived_at IS NULL
    ),
    expected AS (
      SELECT CASE grouping(region_id, country_code, kind, status) WHEN 0 THEN 'all' WHEN 7 THEN 'region' WHEN 11 THEN 'country' WHEN 13 THEN 'kind' ELSE 'status' END AS grain,
             at, region_id, country_code, kind, status, sum(individual_members) AS i, sum(organization_members) AS o, count(*) AS n, count(*) FILTER (WHERE synthetic) AS syn
        FROM latest GROUP BY at, GROUPING SETS ((region_id, country_code, kind, status), (region_id), (country_code), (kind), (status))
    ),
    actual AS (
      SELECT r.grain, d.at, r.region_id, r.country_code, r.kind, r.status, sum(r.individual_members) AS i, sum(r.organization_members) AS o, sum(r.chapters) AS n, sum(r.synthetic) AS syn
        FROM dates d JOIN membership_rollup r ON r.taken_on <= d.at
       GROUP BY 1, 2, 3, 4, 5, 6
      HAVING sum(r.chapters) <> 0 OR sum(r.individual_members) <> 0 OR sum(r.organization_members) <> 0 OR sum(r.synthetic) <> 0
    )
    SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM actual) x)::int AS missing,
           (SELECT count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM expected) y)::int AS extra`, [DATES]);
  expect({ missing, extra }).toEqual({ missing: 0, extra: 0 });
  const [{ empty }] = await h.dataSource.query(`SELECT count(*)::int AS empty FROM membership_rollup WHERE individual_members = 0 AND organization_members = 0 AND synthetic = 0 AND chapters = 0`);
  expect(empty).toBe(0);
}

async function checkEverything(): Promise<void> {
  await checkRollupTable();
  await checkMemberTotals();
  await checkMemberStats();
  await checkGrowth();
}

describe("membership_rollup under random writes", () => {
  it("is exact after the migration's backfill and the seed", async () => {
    const [{ chapters }] = await h.dataSource.query(`SELECT count(*)::int AS chapters FROM membership_rollup_chapter`);
    expect(chapters).toBeGreaterThan(100);
    await checkEverything();
  });

  it("stays exact through the synthetic bulk load (one statement of many snapshots) and the seed run again", async () => {
    await seedSyntheticDataset(h.dataSource, { chapters: 30, months: 40, programmes: 3, participationsPerChapter: 1, seed: 3 });
    expect(await h.dataSource.query(`SELECT licence_id, licence_note FROM source WHERE url = $1`, [SYNTHETIC_DATASET_SOURCE.url])).toEqual([{ licence_id: "CC0-1.0", licence_note: SYNTHETIC_LICENCE_NOTE }]);
    await checkEverything();
    await correctSnapshot();
    await regroupChapter();
    await seedDatabase(h.dataSource);
    await checkEverything();
  });

  it.each([1, 2, 3, 4, 5, 6])("stays exact through batch %i of random mutations, imports, archiving, restoring and plain SQL", async () => {
    for (let i = 0; i < 10; i++) await pick(WRITES)();
    await checkEverything();
  });

  it("agrees with itself rebuilt from nothing", async () => {
    const before = await h.dataSource.query(`SELECT * FROM membership_rollup ORDER BY grain, taken_on, region_id, country_code, kind, status`);
    await h.dataSource.transaction(async (manager) => {
      await manager.query(`TRUNCATE membership_rollup_chapter, membership_rollup`);
      await manager.query(`SELECT membership_rollup_refresh(ARRAY(SELECT id FROM chapter))`);
      expect(await manager.query(`SELECT * FROM membership_rollup ORDER BY grain, taken_on, region_id, country_code, kind, status`)).toEqual(before);
      throw new Error("roll back");
    }).catch((error: Error) => expect(error.message).toBe("roll back"));
  });
});
