import type { SqlClient } from "../db/sql";
import { ChapterOrderField, OrderDirection, type ChapterKind, type ChapterStatus } from "../model/enums";
import type { CursorValue, PageCounts, PageRequest } from "../model/page";
import type { ChapterRow as Chapter } from "../model/rows";
import { alignOne } from "./rows";
import { visibleSql, type Visibility } from "./visibility";

const CHAPTER_COLUMNS = `c.id AS "rowId", c.slug, c.name, c.kind, c.status, c.country_code AS "countryCode",
  c.region_id AS "regionId", c.founded_on AS "foundedOn", c.website, c.source_id AS "sourceId", c.evidence_note AS "evidenceNote",
  c.updated_at AS "updatedAt", c.version, c.archived_at AS "archivedAt"`;

/** Validated chapter conditions, in database terms. */
export interface ChapterConditions {
  regionSlug?: string;
  countryCode?: string;
  kind?: ChapterKind;
  status?: ChapterStatus;
  search?: string;
  /** Only chapters changed after this instant (ISO 8601), for incremental sync. */
  updatedSince?: string;
}

/** The placeholders of one statement: `add` appends a value and returns its typed placeholder ($n::type). */
export interface StatementParams {
  values: unknown[];
  add(value: unknown, type: string): string;
}

export function statementParams(): StatementParams {
  const values: unknown[] = [];
  return {
    values,
    add(value, type) {
      values.push(value);
      return `$${values.length}::${type}`;
    },
  };
}

/**
 * The SQL condition (on the alias `c`) that selects the chapters meeting
 * `conditions` and visible under `visibility`, with its values added to
 * `params`: the one definition of the chapter filter, shared by listings and
 * aggregates. Aggregates are public figures, the same for every caller (and so
 * cacheable alike): they count current chapters only.
 */
export function chapterConditionSql(conditions: ChapterConditions, params: StatementParams, visibility: Visibility = "public"): string {
  const where: string[] = [visibleSql(visibility, "c")];
  if (conditions.regionSlug !== undefined) where.push(`c.region_id = (SELECT id FROM region WHERE slug = ${params.add(conditions.regionSlug, "text")})`);
  if (conditions.countryCode !== undefined) where.push(`c.country_code = ${params.add(conditions.countryCode, "bpchar")}`);
  if (conditions.kind !== undefined) where.push(`c.kind = ${params.add(conditions.kind, "text")}`);
  if (conditions.status !== undefined) where.push(`c.status = ${params.add(conditions.status, "text")}`);
  if (conditions.search !== undefined) where.push(`c.name ILIKE ${params.add(`%${escapeLike(conditions.search)}%`, "text")}`);
  if (conditions.updatedSince !== undefined) where.push(`c.updated_at > ${params.add(conditions.updatedSince, "timestamptz")}`);
  return where.join(" AND ");
}

export interface ChapterOrdering {
  field: ChapterOrderField;
  direction: OrderDirection;
}

/** Which connection a page belongs to: all chapters, or the chapters of each of several regions. */
export type ChapterScope = { kind: "all" } | { kind: "region"; regionIds: readonly number[] };

export interface ChapterPage extends PageCounts {
  /** The page's rows in reading order (backwards for last/before), `limit + 1` at most. */
  rows: Chapter[];
}

/** The sort value of a row under an ordering, as it goes into a cursor. */
export function chapterSortValue(row: Chapter, ordering: ChapterOrdering): CursorValue[] {
  return [ordering.field === ChapterOrderField.SLUG ? row.slug : row.name, row.rowId];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const chapterRepository = {
  async byIds(sql: SqlClient, visibility: Visibility, ids: readonly number[]): Promise<(Chapter | null)[]> {
    const rows = await sql.rows<Chapter>(`SELECT ${CHAPTER_COLUMNS} FROM chapter c WHERE c.id = ANY($1::int[]) AND ${visibleSql(visibility, "c")}`, [ids]);
    return alignOne(ids, rows, (r) => r.rowId);
  },

  async bySlugs(sql: SqlClient, visibility: Visibility, slugs: readonly string[]): Promise<(Chapter | null)[]> {
    const rows = await sql.rows<Chapter>(`SELECT ${CHAPTER_COLUMNS} FROM chapter c WHERE c.slug = ANY($1::text[]) AND ${visibleSql(visibility, "c")}`, [slugs]);
    return alignOne(slugs, rows, (r) => r.slug);
  },

  /**
   * One page of chapters for each partition of `scope` (one for "all", one per
   * region), in one statement whatever the number of partitions.
   *
   * Keyset pagination on (sort value, id). For each partition a LATERAL
   * subquery reads the page (`limit + 1` rows, to tell whether more follow) and
   * another counts the whole filtered set and the rows past each cursor, which
   * pageInfo needs; a partition with an empty page still gets its counts.
   */
  async pages(
    sql: SqlClient,
    visibility: Visibility,
    scope: ChapterScope,
    conditions: ChapterConditions,
    ordering: ChapterOrdering,
    page: PageRequest,
  ): Promise<ChapterPage[]> {
    const params = statementParams();
    const param = params.add;
    const filter = chapterConditionSql(conditions, params, visibility);

    const partitions = scope.kind === "all" ? `(VALUES (0)) AS p(key)` : `unnest(${param(scope.regionIds, "int[]")}) AS p(key)`;
    const partitionMatch = scope.kind === "all" ? "true" : "c.region_id = p.key";
    const sortColumn = ordering.field === ChapterOrderField.SLUG ? "c.slug" : "c.name";
    const ascending = ordering.direction === OrderDirection.ASC;

    // `after` means "later in the ordering": greater when ascending, smaller when descending.
    const past = (cursor: CursorValue[], later: boolean) =>
      `(${sortColumn}, c.id) ${later === ascending ? ">" : "<"} (${param(cursor[0], "text")}, ${param(cursor[1], "int")})`;
    const afterCondition = page.after ? past(page.after, true) : null;
    const beforeCondition = page.before ? past(page.before, false) : null;
    const bounds = [afterCondition, beforeCondition].filter(Boolean);

    const readAscending = ascending === page.forward;
    const direction = readAscending ? "ASC" : "DESC";

    const text = `
      SELECT p.key AS "partition", n.total, n.after_count AS "afterCount", n.before_count AS "beforeCount", row_to_json(r) AS row
        FROM ${partitions}
       CROSS JOIN LATERAL (
         SELECT count(*) AS total,
                count(*) FILTER (WHERE ${afterCondition ?? "true"}) AS after_count,
                count(*) FILTER (WHERE ${beforeCondition ?? "true"}) AS before_count
           FROM chapter c WHERE ${partitionMatch} AND ${filter}
       ) n
        LEFT JOIN LATERAL (
         SELECT ${CHAPTER_COLUMNS}
           FROM chapter c
          WHERE ${partitionMatch} AND ${filter}${bounds.length ? ` AND ${bounds.join(" AND ")}` : ""}
          ORDER BY ${sortColumn} ${direction}, c.id ${direction}
          LIMIT ${param(page.limit + 1, "int")}
       ) r ON true
       ORDER BY p.key, r.${ordering.field === ChapterOrderField.SLUG ? "slug" : "name"} ${direction}, r."rowId" ${direction}`;

    const result = await sql.rows<{ partition: number; total: number; afterCount: number; beforeCount: number; row: Chapter | null }>(text, params.values);
    const keys = scope.kind === "all" ? [0] : scope.regionIds;
    const byPartition = new Map<number, ChapterPage>(keys.map((key) => [key, { rows: [], total: 0, afterCount: 0, beforeCount: 0 }]));
    for (const { partition, total, afterCount, beforeCount, row } of result) {
      const entry = byPartition.get(partition)!;
      Object.assign(entry, { total, afterCount, beforeCount });
      if (row) entry.rows.push(row);
    }
    return keys.map((key) => byPartition.get(key)!);
  },
};
