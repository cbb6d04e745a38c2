import type { SqlClient } from "../db/sql";
import type { SnapshotRow as MembershipSnapshot } from "../model/rows";
import { alignMany, alignOne, including, propertiesOf, selectList, type ColumnMap, type PropertyOf } from "./rows";
import { statementParams, type StatementParams } from "./statement-params";
import { visibleSql, type Visibility } from "./visibility";

/**
 * A snapshot's columns (alias `m`), with `synthetic` from the snapshot's
 * source, read by the SQL expression `synthetic`: every figure says whether it
 * is real. Every read joins the snapshot's chapter `c`: a snapshot is visible
 * when its chapter is.
 */
const snapshotColumnMap = (synthetic: string): ColumnMap<MembershipSnapshot> => ({
  rowId: "m.id",
  chapterId: "m.chapter_id",
  date: "m.taken_on",
  individualMembers: "m.individual_members",
  organizationMembers: "m.organization_members",
  sourceId: "m.source_id",
  synthetic,
  updatedAt: "m.updated_at",
  version: "m.version",
});

/** A snapshot's columns, with its source joined as `s`. */
const SNAPSHOT_COLUMNS = selectList(snapshotColumnMap("s.synthetic"));

/** A snapshot's source's synthetic flag read by its key: for one chapter's few rows, cheaper than hashing the source table for a join. */
const SNAPSHOT_COLUMN_MAP_BY_KEY = snapshotColumnMap("(SELECT s.synthetic FROM source s WHERE s.id = m.source_id)");

/** Every property of a snapshot row, as a planned read names those it selects. */
export const SNAPSHOT_PROPERTIES = propertiesOf(SNAPSHOT_COLUMN_MAP_BY_KEY);

/** Which snapshots a `history` reads: taken from `from` to `to` (inclusive dates), changed after `since` (an instant); null for open. */
export interface SnapshotRange {
  from: string | null;
  to: string | null;
  since: string | null;
}

/**
 * The conditions (each preceded by AND) on the snapshot `m` that keep `range`,
 * its values added to `params`. Only the bounds given are written, so that a
 * statement's generic plan (src/db/data-source.ts) reads the (chapter_id,
 * taken_on) index by them rather than filtering "$n IS NULL OR …".
 */
function snapshotRangeSql(range: SnapshotRange, params: StatementParams): string {
  const conditions: string[] = [];
  if (range.from !== null) conditions.push(`m.taken_on >= ${params.add(range.from, "date")}`);
  if (range.to !== null) conditions.push(`m.taken_on <= ${params.add(range.to, "date")}`);
  if (range.since !== null) conditions.push(`m.updated_at > ${params.add(range.since, "timestamptz")}`);
  return conditions.map((condition) => ` AND ${condition}`).join("");
}

/**
 * The snapshots of `range` of the chapter whose id is the SQL expression
 * `chapterId` (visible: the caller read the chapter under its visibility), as
 * a JSON array of rows with the snapshot `properties` (and the date they are
 * ordered by), oldest first: a planned read's column (src/planning/chapter-plan.ts).
 */
export function historyAsJsonSql(chapterId: string, range: SnapshotRange, params: StatementParams, properties: readonly PropertyOf<MembershipSnapshot>[]): string {
  return `(SELECT coalesce(json_agg(h ORDER BY h.date), '[]') FROM (SELECT ${selectList(SNAPSHOT_COLUMN_MAP_BY_KEY, including(properties, "date"))}
            FROM membership_snapshot m WHERE m.chapter_id = ${chapterId}${snapshotRangeSql(range, params)}) h)`;
}

/**
 * The latest snapshot of the chapter whose id is the SQL expression
 * `chapterId`, with the snapshot `properties` (all by default; its `rowId`
 * always): ORDER BY taken_on DESC LIMIT 1 reads one entry of the (chapter_id,
 * taken_on) index; DISTINCT ON would visit every snapshot of every chapter
 * (PERF-NOTES finding 4). Shared by the loader and planned reads, as a
 * LATERAL subquery.
 */
export function latestSnapshotSql(chapterId: string, properties: readonly PropertyOf<MembershipSnapshot>[] = SNAPSHOT_PROPERTIES): string {
  // The source's flag by a subquery on its key: joined, PostgreSQL hashed the whole source table once per chapter.
  return `SELECT ${selectList(SNAPSHOT_COLUMN_MAP_BY_KEY, including(properties, "rowId"))}
            FROM (SELECT * FROM membership_snapshot ms WHERE ms.chapter_id = ${chapterId} ORDER BY ms.taken_on DESC LIMIT 1) m`;
}

export const membershipRepository = {
  async byIds(sql: SqlClient, visibility: Visibility, ids: readonly number[]): Promise<(MembershipSnapshot | null)[]> {
    const rows = await sql.rows<MembershipSnapshot>(
      `SELECT ${SNAPSHOT_COLUMNS} FROM membership_snapshot m JOIN source s ON s.id = m.source_id JOIN chapter c ON c.id = m.chapter_id
        WHERE m.id = ANY($1::int[]) AND ${visibleSql(visibility, "c")}`,
      [ids],
    );
    return alignOne(ids, rows, (r) => r.rowId);
  },

  /** The latest snapshot of each visible chapter, one LATERAL lookup each (see latestSnapshotSql). */
  async latestByChapterIds(sql: SqlClient, visibility: Visibility, chapterIds: readonly number[]): Promise<(MembershipSnapshot | null)[]> {
    const rows = await sql.rows<MembershipSnapshot>(
      `SELECT latest.* FROM chapter c CROSS JOIN LATERAL (${latestSnapshotSql("c.id")}) latest WHERE c.id = ANY($1::int[]) AND ${visibleSql(visibility, "c")}`,
      [chapterIds],
    );
    return alignOne(chapterIds, rows, (r) => r.chapterId);
  },

  /** Each visible chapter's snapshots in `range`, oldest first. */
  async historyByChapterIds(sql: SqlClient, visibility: Visibility, chapterIds: readonly number[], range: SnapshotRange): Promise<MembershipSnapshot[][]> {
    const params = statementParams();
    const rows = await sql.rows<MembershipSnapshot>(
      `SELECT ${SNAPSHOT_COLUMNS}
         FROM membership_snapshot m JOIN source s ON s.id = m.source_id JOIN chapter c ON c.id = m.chapter_id
        WHERE m.chapter_id = ANY(${params.add(chapterIds, "int[]")}) AND ${visibleSql(visibility, "c")}${snapshotRangeSql(range, params)}
        ORDER BY m.chapter_id, m.taken_on`,
      params.values,
    );
    return alignMany(chapterIds, rows, (r) => r.chapterId);
  },
};
