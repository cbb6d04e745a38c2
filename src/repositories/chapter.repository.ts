import type { SqlClient } from "../db/sql";
import { ChapterOrderField, OrderDirection, type ChapterKind, type ChapterStatus } from "../model/enums";
import type { CursorValue, PageCounts, PageRequest } from "../model/page";
import type {
  ChapterRow as Chapter,
  CountryRow as Country,
  ParticipationRow as Participation,
  ProgrammeRow as Programme,
  RegionRow as Region,
  SnapshotRow as MembershipSnapshot,
  SourceRow as Source,
} from "../model/rows";
import { historyAsJsonSql, latestSnapshotSql, type SnapshotRange } from "./membership.repository";
import { PARTICIPATION_COLUMN_MAP, participationsOfProgrammesSql, PROGRAMME_COLUMN_MAP } from "./programme.repository";
import { COUNTRY_COLUMN_MAP, REGION_COLUMN_MAP } from "./region.repository";
import { alignMany, alignOne, including, selectList, type ColumnMap, type PropertyOf } from "./rows";
import { SOURCE_COLUMN_MAP } from "./source.repository";
import { statementParams, type StatementParams } from "./statement-params";
import { visibleSql, type Visibility } from "./visibility";

/** A chapter's columns (alias `c`). */
export const CHAPTER_COLUMN_MAP: ColumnMap<Chapter> = {
  rowId: "c.id",
  slug: "c.slug",
  name: "c.name",
  kind: "c.kind",
  status: "c.status",
  countryCode: "c.country_code",
  regionId: "c.region_id",
  foundedOn: "c.founded_on",
  website: "c.website",
  sourceId: "c.source_id",
  evidenceNote: "c.evidence_note",
  updatedAt: "c.updated_at",
  version: "c.version",
  archivedAt: "c.archived_at",
};

const CHAPTER_COLUMNS = selectList(CHAPTER_COLUMN_MAP);

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
  /** With planned joins: what they fetched for each row, at the row's index; else empty. */
  relations: ChapterRelations[];
}

/** Which properties of a row type a statement reads. */
export type Properties<Row> = readonly PropertyOf<Row>[];

/** The properties of a source row (its citation count is no column). */
type SourceProperties = Properties<Omit<Source, "citationCount">>;

/**
 * What a planned read fetches in the same statement as the chapters
 * (src/planning/chapter-plan.ts decides it from the selection set): which
 * properties of the chapter rows, and of each related row; null for a
 * relation not planned. A row read this way holds those properties only (and
 * the keys the statement needs), so it serves the fields its plan was made
 * for and nothing else: it is handed to them, never to a loader.
 */
export interface ChapterJoins {
  /** The chapter row's properties (its id, and the keys the joins below follow, are always read). */
  chapter: Properties<Chapter>;
  country: Properties<Country> | null;
  region: Properties<Region> | null;
  /** The chapter's own source. */
  source: SourceProperties | null;
  /** The latest snapshot (as the latestSnapshot loader finds it); with `source`, its source too. */
  latestSnapshot: { snapshot: Properties<MembershipSnapshot>; source: SourceProperties | null } | null;
  /** The participations the loaders show (visibleSql); with `programme`, their programmes too. */
  participations: { participation: Properties<Participation>; programme: Properties<Programme> | null } | null;
  /** Membership histories: one per distinct range asked (as the history loader reads them), each with the same properties. */
  histories: { ranges: SnapshotRange[]; snapshot: Properties<MembershipSnapshot> } | null;
}

/** What planned joins fetched for one chapter (rows with the properties the joins name): each key present exactly when its join was planned. */
export interface ChapterRelations {
  country?: Country | null;
  region?: Region | null;
  source?: Source | null;
  latestSnapshot?: MembershipSnapshot | null;
  latestSnapshotSource?: Source | null;
  participations?: Participation[];
  programmes?: Programme[];
  /** The snapshots of each of the joins' `histories`, with its range. */
  histories?: { range: SnapshotRange; snapshots: MembershipSnapshot[] }[];
}

/** A chapter read with planned joins, and what they fetched for it. */
export interface ChapterWithRelations {
  row: Chapter;
  relations: ChapterRelations;
}

/** A programme's participations (as `programme.chapters` shows them) with their chapters, read by a planned read. */
export interface ParticipationsWithChapters {
  participations: Participation[];
  chapters: ChapterWithRelations[];
}

/** A statement and its values. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** One related row as JSON: the row of `query`, or null when there is none. */
const oneAsJson = (query: string) => `(SELECT row_to_json(x) FROM (${query}) x)`;

/**
 * A row joined by its key as JSON: `alias` is a LEFT JOIN LATERAL of a plain
 * filtered select, which PostgreSQL pulls up into an ordinary join, so one
 * hash join reads the small table once where a scalar subquery per chapter
 * would scan it again for each (measured: the listing's statement 7.2 → 4.8 ms
 * with this and the snapshot's source below, bench/RESULTS.md).
 */
function joinedAsJson(alias: string, query: string, key: string, joined: string[]): string {
  joined.push(`LEFT JOIN LATERAL (${query}) ${alias} ON true`);
  return `CASE WHEN ${alias}.${key} IS NULL THEN NULL ELSE row_to_json(${alias}) END`;
}

/** The chapter's foreign keys the joins follow: the relation, the chapter property holding its key, and the name `k` gives it (chapterJoinsSql). */
const FOREIGN_KEYS = [
  { relation: "country", property: "countryCode", name: "country_code" },
  { relation: "region", property: "regionId", name: "region_id" },
  { relation: "source", property: "sourceId", name: "source_id" },
] as const;

/** The foreign keys `joins` follow. */
const followedKeys = (joins: ChapterJoins) => FOREIGN_KEYS.filter((key) => joins[key.relation] !== null);

/**
 * The chapter row's properties a statement reads for `joins`: those they
 * name, the row's id (the relations' key), the keys the joins follow, and
 * `also` (what else the statement reads, such as its sort column).
 */
function chapterProperties(joins: ChapterJoins, ...also: PropertyOf<Chapter>[]): PropertyOf<Chapter>[] {
  return including(joins.chapter, "rowId", ...also, ...followedKeys(joins).map((key) => key.property));
}

/**
 * The select-list entries and joins that fetch `joins` for the chapter row
 * `row` (an alias with the chapter's property names) in the same statement:
 * joins by primary key (country, region, source), the latest snapshot through
 * the same LATERAL lookup as its loader, participations, programmes and
 * histories as JSON arrays. Each related row holds the properties `joins`
 * names, with the keys the statement and the caller need (see including).
 * `k` re-exposes the row's keys, so the related tables' own aliases (`r` for
 * region, `c` for country) cannot shadow the row. A history's dates go into
 * `params`.
 */
export function chapterJoinsSql(joins: ChapterJoins, row: string, visibility: Visibility, params: StatementParams): { columns: string; joins: string } {
  const columns: string[] = [];
  const keys = [`${row}."rowId" AS chapter_id`, ...followedKeys(joins).map((key) => `${row}."${key.property}" AS ${key.name}`)];
  const joined = [`LEFT JOIN LATERAL (SELECT ${keys.join(", ")}) k ON true`];
  if (joins.country) {
    const country = selectList(COUNTRY_COLUMN_MAP, including(joins.country, "code"));
    columns.push(`${joinedAsJson("country_row", `SELECT ${country} FROM country c WHERE c.code = k.country_code`, "code", joined)} AS country`);
  }
  if (joins.region) {
    const region = selectList(REGION_COLUMN_MAP, including(joins.region, "rowId"));
    columns.push(`${joinedAsJson("region_row", `SELECT ${region} FROM region r WHERE r.id = k.region_id`, `"rowId"`, joined)} AS region`);
  }
  if (joins.source) {
    const source = selectList(SOURCE_COLUMN_MAP, including(joins.source, "rowId"));
    columns.push(`${joinedAsJson("source_row", `SELECT ${source} FROM source s WHERE s.id = k.source_id`, `"rowId"`, joined)} AS source`);
  }
  if (joins.latestSnapshot) {
    const { snapshot, source } = joins.latestSnapshot;
    joined.push(`LEFT JOIN LATERAL (${latestSnapshotSql("k.chapter_id", source ? including<PropertyOf<MembershipSnapshot>>(snapshot, "sourceId") : snapshot)}) latest ON true`);
    columns.push(`CASE WHEN latest."rowId" IS NULL THEN NULL ELSE row_to_json(latest) END AS "latestSnapshot"`);
    if (source) {
      columns.push(`${oneAsJson(`SELECT ${selectList(SOURCE_COLUMN_MAP, source)} FROM source s WHERE s.id = latest."sourceId"`)} AS "latestSnapshotSource"`);
    }
  }
  if (joins.participations) {
    const { participation, programme } = joins.participations;
    // The chapter itself passed the visibility rule already: its participations still must.
    const shown = `FROM participation pa WHERE pa.chapter_id = k.chapter_id AND ${visibleSql(visibility, "pa")}`;
    const participations = selectList(PARTICIPATION_COLUMN_MAP, including(participation, "rowId", "since", ...(programme ? (["programmeId"] as const) : [])));
    columns.push(`(SELECT coalesce(json_agg(x ORDER BY x.since, x."rowId"), '[]') FROM (SELECT ${participations} ${shown}) x) AS participations`);
    if (programme) {
      const programmes = selectList(PROGRAMME_COLUMN_MAP, including(programme, "rowId"));
      columns.push(`(SELECT coalesce(json_agg(x), '[]') FROM (SELECT ${programmes} FROM programme p WHERE p.id IN (SELECT pa.programme_id ${shown})) x) AS programmes`);
    }
  }
  joins.histories?.ranges.forEach((range, i) => columns.push(`${historyAsJsonSql("k.chapter_id", range, params, joins.histories!.snapshot)} AS history_${i}`));
  return { columns: columns.map((column) => `, ${column}`).join(""), joins: joined.map((join) => `\n ${join}`).join("") };
}

/** The relations of one result row of a statement built with chapterJoinsSql. */
function relationsOf(joins: ChapterJoins, row: Record<string, unknown>): ChapterRelations {
  const one = <T>(value: unknown): T | null => (value ? (value as T) : null);
  const relations: ChapterRelations = {};
  if (joins.country) relations.country = one<Country>(row.country);
  if (joins.region) relations.region = one<Region>(row.region);
  if (joins.source) relations.source = one<Source>(row.source);
  if (joins.latestSnapshot) {
    relations.latestSnapshot = one<MembershipSnapshot>(row.latestSnapshot);
    if (joins.latestSnapshot.source) relations.latestSnapshotSource = one<Source>(row.latestSnapshotSource);
  }
  if (joins.participations) {
    relations.participations = row.participations as Participation[];
    if (joins.participations.programme) relations.programmes = row.programmes as Programme[];
  }
  if (joins.histories) relations.histories = joins.histories.ranges.map((range, i) => ({ range, snapshots: row[`history_${i}`] as MembershipSnapshot[] }));
  return relations;
}

/** Statements of `withRelations` already written, by plan, then by visibility, key column and key form. */
const relationStatements = new WeakMap<ChapterJoins, Map<string, Statement>>();

/**
 * The statement of `withRelations` for chapters by `by` (one key, or an array
 * of keys, as its first value) with the relations of `joins`. Written once per
 * plan and kind of statement: plans are kept per operation
 * (src/planning/chapter-plan.ts), and writing the same text again on every
 * request (then hashing it anew for its statement name) cost the detail 3% of
 * its CPU. The values after the first come from the plan (a history's bounds).
 */
function withRelationsStatement(visibility: Visibility, by: "id" | "slug", one: boolean, joins: ChapterJoins): Statement {
  let written = relationStatements.get(joins);
  if (!written) relationStatements.set(joins, (written = new Map()));
  const kind = `${visibility} ${by} ${one}`;
  let statement = written.get(kind);
  if (!statement) {
    const params = statementParams();
    const column = by === "id" ? "c.id" : "c.slug";
    const type = by === "id" ? "int" : "text";
    const match = one ? `${column} = ${params.add(null, type)}` : `${column} = ANY(${params.add(null, `${type}[]`)})`;
    const related = chapterJoinsSql(joins, "r", visibility, params);
    const text = `SELECT row_to_json(r) AS row${related.columns} FROM (SELECT ${selectList(CHAPTER_COLUMN_MAP, chapterProperties(joins, by === "id" ? "rowId" : "slug"))}
         FROM chapter c WHERE ${match} AND ${visibleSql(visibility, "c")}) r${related.joins}`;
    statement = { text, values: params.values };
    written.set(kind, statement);
  }
  return statement;
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
   * Chapters by id or slug visible under `visibility` (as `byIds`/`bySlugs`),
   * each with the relations of `joins`, in one statement: for planned reads of
   * `chapter(slug)` and `nodes(ids)`.
   *
   * One key is compared as a scalar, several as an array: the pool's generic
   * plans (src/db/data-source.ts) cannot see an array's length, and planned
   * for `= ANY($1)` as for many chapters, hashing the whole country and source
   * tables for the one chapter of `chapter(slug)`; for `= $1` on a unique key
   * they look up each related row by its key (EXPLAIN ANALYZE of the detail's
   * statement: 0.43 → 0.19 ms).
   */
  async withRelations(
    sql: SqlClient,
    visibility: Visibility,
    by: "id" | "slug",
    keys: readonly (number | string)[],
    joins: ChapterJoins,
  ): Promise<(ChapterWithRelations | null)[]> {
    const one = keys.length === 1;
    const statement = withRelationsStatement(visibility, by, one, joins);
    // The statement's first value is the key (or keys); the rest come from the plan (see withRelationsStatement).
    const result = await sql.rows<{ row: Chapter }>(statement.text, [one ? keys[0] : keys, ...statement.values.slice(1)]);
    const read = result.map((resultRow) => ({ row: resultRow.row, relations: relationsOf(joins, resultRow) }));
    return alignOne<number | string, ChapterWithRelations>(keys, read, ({ row }) => (by === "id" ? row.rowId : row.slug));
  },

  /**
   * The participations of each programme (as the participationsByProgramme
   * loader reads them, in the same order) with each one's chapter and the
   * relations of `joins`, in one statement: the planned read of
   * `programme.chapters { chapter { … } }`.
   */
  async participationsWithChapters(
    sql: SqlClient,
    visibility: Visibility,
    programmeIds: readonly number[],
    joins: ChapterJoins,
  ): Promise<ParticipationsWithChapters[]> {
    const params = statementParams();
    const participations = participationsOfProgrammesSql(params.add(programmeIds, "int[]"), visibility);
    const related = chapterJoinsSql(joins, "r", visibility, params);
    const result = await sql.rows<{ participation: Participation; row: Chapter }>(
      `SELECT row_to_json(pa_row) AS participation, row_to_json(r) AS row${related.columns}
         FROM (${participations}) pa_row
        CROSS JOIN LATERAL (SELECT ${selectList(CHAPTER_COLUMN_MAP, chapterProperties(joins))} FROM chapter c WHERE c.id = pa_row."chapterId") r${related.joins}
        ORDER BY pa_row.since, pa_row."rowId"`,
      params.values,
    );
    const read = result.map((resultRow) => ({
      participation: resultRow.participation,
      chapter: { row: resultRow.row, relations: relationsOf(joins, resultRow) },
    }));
    return alignMany(programmeIds, read, (entry) => entry.participation.programmeId).map((entries) => ({
      participations: entries.map((entry) => entry.participation),
      chapters: entries.map((entry) => entry.chapter),
    }));
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
    joins: ChapterJoins | null = null,
  ): Promise<ChapterPage[]> {
    const { text, values } = chapterRepository.pageStatement(visibility, scope, conditions, ordering, page, joins);
    const result = await sql.rows<{ partition: number; total: number; afterCount: number; beforeCount: number; row: Chapter | null }>(text, values);
    const keys = scope.kind === "all" ? [0] : scope.regionIds;
    const byPartition = new Map<number, ChapterPage>(keys.map((key) => [key, { rows: [], relations: [], total: 0, afterCount: 0, beforeCount: 0 }]));
    for (const resultRow of result) {
      const { partition, total, afterCount, beforeCount, row } = resultRow;
      const entry = byPartition.get(partition)!;
      Object.assign(entry, { total, afterCount, beforeCount });
      if (!row) continue;
      entry.rows.push(row);
      if (joins) entry.relations.push(relationsOf(joins, resultRow));
    }
    return keys.map((key) => byPartition.get(key)!);
  },

  /** The statement of `pages`: with `joins`, the page's rows hold the properties they name and come with their relations (chapterJoinsSql); without, every property. */
  pageStatement(
    visibility: Visibility,
    scope: ChapterScope,
    conditions: ChapterConditions,
    ordering: ChapterOrdering,
    page: PageRequest,
    joins: ChapterJoins | null,
  ): Statement {
    const params = statementParams();
    const param = params.add;
    const filter = chapterConditionSql(conditions, params, visibility);

    const partitions = scope.kind === "all" ? `(VALUES (0)) AS p(key)` : `unnest(${param(scope.regionIds, "int[]")}) AS p(key)`;
    const partitionMatch = scope.kind === "all" ? "true" : "c.region_id = p.key";
    const sortProperty = ordering.field === ChapterOrderField.SLUG ? "slug" : "name";
    const sortColumn = CHAPTER_COLUMN_MAP[sortProperty];
    const ascending = ordering.direction === OrderDirection.ASC;

    // `after` means "later in the ordering": greater when ascending, smaller when descending.
    const past = (cursor: CursorValue[], later: boolean) =>
      `(${sortColumn}, c.id) ${later === ascending ? ">" : "<"} (${param(cursor[0], "text")}, ${param(cursor[1], "int")})`;
    const afterCondition = page.after ? past(page.after, true) : null;
    const beforeCondition = page.before ? past(page.before, false) : null;
    const bounds = [afterCondition, beforeCondition].filter(Boolean);

    const readAscending = ascending === page.forward;
    const direction = readAscending ? "ASC" : "DESC";

    const related = joins ? chapterJoinsSql(joins, "r", visibility, params) : { columns: "", joins: "" };

    const text = `
      SELECT p.key AS "partition", n.total, n.after_count AS "afterCount", n.before_count AS "beforeCount", row_to_json(r) AS row${related.columns}
        FROM ${partitions}
       CROSS JOIN LATERAL (
         SELECT count(*) AS total,
                count(*) FILTER (WHERE ${afterCondition ?? "true"}) AS after_count,
                count(*) FILTER (WHERE ${beforeCondition ?? "true"}) AS before_count
           FROM chapter c WHERE ${partitionMatch} AND ${filter}
       ) n
        LEFT JOIN LATERAL (
         SELECT ${joins ? selectList(CHAPTER_COLUMN_MAP, chapterProperties(joins, sortProperty)) : CHAPTER_COLUMNS}
           FROM chapter c
          WHERE ${partitionMatch} AND ${filter}${bounds.length ? ` AND ${bounds.join(" AND ")}` : ""}
          ORDER BY ${sortColumn} ${direction}, c.id ${direction}
          LIMIT ${param(page.limit + 1, "int")}
       ) r ON true${related.joins}
       ORDER BY p.key, r.${sortProperty} ${direction}, r."rowId" ${direction}`;
    return { text, values: params.values };
  },
};
