/**
 * Membership and chapter figures added up per group of chapters, each in one
 * statement computed by PostgreSQL: the rows stay in the database and only the
 * figures come out.
 */
import type { SqlClient } from "../db/sql";
import type { ChapterGrouping, MemberGrouping } from "../model/enums";
import type { ChapterCountRow as ChapterCount, MemberPointRow as MemberPoint, MemberSeriesRow as MemberSeries } from "../model/rows";
import { chapterConditionSql, type ChapterConditions } from "./chapter.repository";
import { statementParams, type StatementParams } from "./statement-params";

/**
 * A group's key and label as SQL over `GROUPED_CHAPTERS` (or over rows with
 * the same region_id, country_code, kind and status columns, joined the same
 * way); a null key is the chapters that have none (no region, no country).
 */
const GROUPINGS: Record<`${MemberGrouping}`, { key: string; label: string }> = {
  region: { key: "r.slug", label: "coalesce(r.name, 'No region')" },
  country: { key: "c.country_code::text", label: "coalesce(co.name, 'No country')" },
  kind: { key: "upper(c.kind)", label: "CASE c.kind WHEN 'sig' THEN 'Special interest group' ELSE 'Chapter' END" },
  status: { key: "upper(c.status)", label: "CASE c.status WHEN 'in_formation' THEN 'In formation' WHEN 'inactive' THEN 'Inactive' ELSE 'Active' END" },
  chapter: { key: "c.slug", label: "c.name" },
};

const LABEL_JOINS = "LEFT JOIN region r ON r.id = c.region_id LEFT JOIN country co ON co.code = c.country_code";
const GROUPED_CHAPTERS = `chapter c ${LABEL_JOINS}`;

/** The grains of membership_rollup (migrations/1796283781069-MembershipRollup.ts): one per dimension, and `all` for any combination. */
type RollupGrain = "all" | Dimension;
type Dimension = "region" | "country" | "kind" | "status";

/** The column (and its type) of chapter and membership_rollup that each grouping the rollup serves is a function of. */
const DIMENSIONS: Record<Dimension, { column: string; type: string }> = {
  region: { column: "region_id", type: "int" },
  country: { column: "country_code", type: "bpchar" },
  kind: { column: "kind", type: "text" },
  status: { column: "status", type: "text" },
};

/** The four dimension columns as selected from `c` when grouping by `grouping`'s: that one, the others null (constants, so GROUP BY the one is valid). */
function dimensionColumns(grouping: Dimension): string {
  return Object.entries(DIMENSIONS)
    .map(([name, { column, type }]) => (name === grouping ? `c.${column}` : `NULL::${type} AS ${column}`))
    .join(", ");
}

/** Whether the rollup holds the chapters `conditions` select: not by name or change time (it holds current chapters, which aggregates count). */
function rollupHolds(conditions: ChapterConditions): boolean {
  return conditions.search === undefined && conditions.updatedSince === undefined;
}

/** The smallest grain of the rollup that has `grouping` and every dimension `conditions` filter on. */
function rollupGrain(grouping: Dimension, conditions: ChapterConditions): RollupGrain {
  const dimensions = new Set<Dimension>([grouping]);
  if (conditions.regionSlug !== undefined) dimensions.add("region");
  if (conditions.countryCode !== undefined) dimensions.add("country");
  if (conditions.kind !== undefined) dimensions.add("kind");
  if (conditions.status !== undefined) dimensions.add("status");
  return dimensions.size === 1 ? grouping : "all";
}

interface PointRow extends MemberPoint {
  group: number;
  key: string | null;
  label: string;
}

/**
 * The end of both statements of memberSeries: from `groups` (each group's
 * number in label order, key and label) and `changes` (per group number and
 * point, what its chapters' snapshots change there; a group may have none), each
 * group's running sum at every point, the groups in order.
 */
function runningSums(groups: string, changes: string, dates: string, params: StatementParams, limit: number | null): string {
  return `SELECT g."group", g.key, g.label, (${dates})[p.point] AS date,
              sum(coalesce(t.individual_members, 0)) OVER running AS "individualMembers",
              sum(coalesce(t.organization_members, 0)) OVER running AS "organizationMembers",
              sum(coalesce(t.chapters, 0)) OVER running AS "chapterCount",
              sum(coalesce(t.synthetic, 0)) OVER running > 0 AS synthetic
         FROM ${groups} g
        CROSS JOIN generate_series(1, cardinality(${dates})) AS p(point)
         LEFT JOIN ${changes} t ON t."group" = g."group" AND t.point = p.point
       WINDOW running AS (PARTITION BY g."group" ORDER BY p.point)
        ORDER BY g."group", p.point
        LIMIT ${params.add(limit, "int")}`;
}

/** Rows of runningSums, one series per group. */
function toSeries(rows: PointRow[]): MemberSeries[] {
  const series: MemberSeries[] = [];
  let group: number | undefined;
  for (const { group: rowGroup, key: groupKey, label: groupLabel, ...point } of rows) {
    if (rowGroup !== group) {
      group = rowGroup;
      series.push({ key: groupKey, label: groupLabel, synthetic: false, points: [] });
    }
    const current = series[series.length - 1];
    current.points.push(point);
    current.synthetic ||= point.synthetic;
  }
  return series;
}

export const metricsRepository = {
  /**
   * One series per group of the chapters meeting `conditions`, with a point
   * at each of `points` (ascending ISO dates): per chapter, its latest
   * snapshot on or before the point's date, summed over the group. At most
   * `limit` points in all are read back (all when null).
   *
   * Both ways below rest on one identity: each snapshot minus the chapter's
   * previous one (zeros before its first) is the change it brings, and a
   * chapter's changes up to a date add up to its latest snapshot on or before
   * it. So each change lands on the first point on or after its date
   * (width_bucket), and a running sum of each group's changes over the points
   * is the group's total: no lookup per chapter and point, whatever the
   * spacing of the snapshots or of the points. The same sums count the
   * chapters (a chapter's first snapshot adds 1) and the synthetic snapshots
   * among them.
   *
   * Groupings and filters by region, country, kind and status read those
   * changes already summed, from membership_rollup (kept by triggers on every
   * write); per chapter or by name, they are worked out from the snapshots.
   */
  async memberSeries(
    sql: SqlClient,
    grouping: `${MemberGrouping}`,
    conditions: ChapterConditions,
    points: readonly string[],
    limit: number | null,
  ): Promise<MemberSeries[]> {
    const statement =
      grouping !== "chapter" && rollupHolds(conditions)
        ? fromRollup(rollupGrain(grouping, conditions), grouping, conditions, points, limit)
        : fromSnapshots(grouping, conditions, points, limit);
    return toSeries(await sql.rows<PointRow>(statement.text, statement.values));
  },

  /** How many of the chapters meeting `conditions` each group has, the groups ordered by label (the keyless group last). */
  async chapterCounts(sql: SqlClient, grouping: `${ChapterGrouping}`, conditions: ChapterConditions): Promise<ChapterCount[]> {
    const { key, label } = GROUPINGS[grouping];
    const params = statementParams();
    const filter = chapterConditionSql(conditions, params);
    return sql.rows<ChapterCount>(
      `SELECT ${key} AS key, ${label} AS label, count(*) AS count, bool_or(s.synthetic) AS synthetic
         FROM ${GROUPED_CHAPTERS} JOIN source s ON s.id = c.source_id
        WHERE ${filter}
        GROUP BY 1, 2
        ORDER BY ${key} IS NULL, ${label}, ${key}`,
      params.values,
    );
  },
};

/**
 * memberSeries from membership_rollup: the groups are those of the chapters
 * meeting `conditions` (a group with no snapshot yet shows zeros), their
 * changes the rollup's rows of `grain` up to the last point, filtered by the
 * same conditions on the rollup's own columns. The rollup holds current
 * chapters only, which is the archived condition; the others read the same
 * columns in both tables. Both sides are grouped by the dimension's column
 * first (integers and codes: a hash, not a sort of labels), then labelled.
 * Groups are numbered over both sides at once: dense_rank treats null keys as
 * one group, where a join would not.
 *
 * Measured (EXPLAIN ANALYZE, 5,130 chapters × 120 months, on a 2-core machine
 * shared under heavy load): members by region per quarter over ten years
 * 3–17 ms (from the snapshots: about 6 s under lighter load); by country (its
 * grain has 30,000 rows) about 0.2 s; a filter on another dimension than the
 * grouping reads the `all` grain (190,000 rows), about 0.3–0.4 s.
 */
function fromRollup(grain: RollupGrain, grouping: Dimension, conditions: ChapterConditions, points: readonly string[], limit: number | null) {
  const { key, label } = GROUPINGS[grouping];
  const dimensions = dimensionColumns(grouping);
  const column = `c.${DIMENSIONS[grouping].column}`;
  const params = statementParams();
  const dates = params.add(points, "date[]");
  const chapterFilter = chapterConditionSql(conditions, params);
  // The rollup's rows have no archived_at: it holds current chapters only, so the archived condition is left out ("editor").
  const rollupFilter = chapterConditionSql(conditions, params, "editor");
  const text = `WITH counted AS (
         SELECT ${dimensions}, NULL::int AS point, NULL::bigint AS individual_members,
                NULL::bigint AS organization_members, NULL::bigint AS synthetic, NULL::bigint AS chapters
           FROM chapter c
          WHERE ${chapterFilter}
          GROUP BY ${column}
         UNION ALL
         SELECT ${dimensions}, width_bucket(c.taken_on - 1, ${dates}) + 1 AS point,
                sum(c.individual_members), sum(c.organization_members), sum(c.synthetic), sum(c.chapters)
           FROM membership_rollup c
          WHERE c.grain = ${params.add(grain, "text")} AND c.taken_on <= (${dates})[cardinality(${dates})] AND ${rollupFilter}
          GROUP BY ${column}, point
       ),
       numbered AS MATERIALIZED (
         SELECT dense_rank() OVER (ORDER BY ${key} IS NULL, ${label}, ${key}) AS "group", ${key} AS key, ${label} AS label,
                c.point, c.individual_members, c.organization_members, c.synthetic, c.chapters
           FROM counted c ${LABEL_JOINS}
       )
       ${runningSums(`(SELECT DISTINCT "group", key, label FROM numbered)`, "numbered", dates, params, limit)}`;
  return { text, values: params.values };
}

/**
 * memberSeries from the snapshots, for what the rollup does not hold (one
 * series per chapter, chapters by name): in one pass over the snapshots up to
 * the last date (PERF-NOTES 4, 5), each minus the chapter's previous one (lag
 * over the chapter's snapshots in date order). Each chapter's snapshots are
 * read from its last one on or before the first point (`reads_from`: one index
 * probe per chapter), so a recent range does not add up the whole history.
 *
 * Measured at 5,000 chapters × 120 months on a 2-core machine: members by
 * region per quarter over ten years about 1 s, nearly all of it the window
 * over 600,000 snapshots; one region's chapters about 0.15 s.
 */
function fromSnapshots(grouping: `${MemberGrouping}`, conditions: ChapterConditions, points: readonly string[], limit: number | null) {
  const { key, label } = GROUPINGS[grouping];
  const params = statementParams();
  const dates = params.add(points, "date[]");
  const filter = chapterConditionSql(conditions, params);
  const text = `WITH scope AS MATERIALIZED (
         SELECT c.id, dense_rank() OVER (ORDER BY ${key} IS NULL, ${label}, ${key}) AS "group", ${key} AS key, ${label} AS label,
                coalesce((SELECT max(p.taken_on) FROM membership_snapshot p WHERE p.chapter_id = c.id AND p.taken_on <= (${dates})[1]), (${dates})[1]) AS reads_from
           FROM ${GROUPED_CHAPTERS}
          WHERE ${filter}
       ),
       changes AS (
         SELECT m."group", width_bucket(m.taken_on - 1, ${dates}) + 1 AS point,
                m.individual_members - lag(m.individual_members, 1, 0) OVER chapter AS individual_members,
                m.organization_members - lag(m.organization_members, 1, 0) OVER chapter AS organization_members,
                m.synthetic - lag(m.synthetic, 1, 0) OVER chapter AS synthetic,
                CASE WHEN lag(m.taken_on) OVER chapter IS NULL THEN 1 ELSE 0 END AS chapters
           FROM (
             SELECT s."group", ms.chapter_id, ms.taken_on, ms.individual_members, ms.organization_members,
                    (ms.source_id = ANY(ARRAY(SELECT id FROM source WHERE synthetic)))::int AS synthetic
               FROM scope s JOIN membership_snapshot ms ON ms.chapter_id = s.id AND ms.taken_on >= s.reads_from
              WHERE ms.taken_on <= (${dates})[cardinality(${dates})]
           ) m
         WINDOW chapter AS (PARTITION BY m.chapter_id ORDER BY m.taken_on)
       ),
       totals AS (
         SELECT "group", point, sum(individual_members) AS individual_members, sum(organization_members) AS organization_members,
                sum(synthetic) AS synthetic, sum(chapters) AS chapters
           FROM changes GROUP BY "group", point
       )
       ${runningSums(`(SELECT DISTINCT "group", key, label FROM scope)`, "totals", dates, params, limit)}`;
  return { text, values: params.values };
}
