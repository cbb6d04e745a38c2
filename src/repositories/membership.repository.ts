import type { SqlClient } from "../db/sql";
import type { SnapshotRow as MembershipSnapshot } from "../model/rows";
import { alignMany, alignOne } from "./rows";
import { statementParams, type StatementParams } from "./statement-params";
import { visibleSql, type Visibility } from "./visibility";

/**
 * The snapshot columns, with `synthetic` from the snapshot's source: every
 * figure says whether it is real. Every read joins the snapshot's chapter `c`:
 * a snapshot is visible when its chapter is.
 */
/** A snapshot's columns (alias `m`), its source's synthetic flag read by the SQL expression `synthetic`. */
const snapshotColumns = (synthetic: string) => `m.id AS "rowId", m.chapter_id AS "chapterId", m.taken_on AS date, m.individual_members AS "individualMembers",
  m.organization_members AS "organizationMembers", m.source_id AS "sourceId", ${synthetic} AS synthetic, m.updated_at AS "updatedAt", m.version`;

/** A snapshot's columns, with its source joined as `s`. */
const SNAPSHOT_COLUMNS = snapshotColumns("s.synthetic");

/** A snapshot's source's synthetic flag read by its key: for one chapter's few rows, cheaper than hashing the source table for a join. */
const SYNTHETIC_BY_KEY = "(SELECT s.synthetic FROM source s WHERE s.id = m.source_id)";

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
 * a JSON array of the history loader's rows, oldest first: a planned read's
 * column (src/planning/chapter-plan.ts).
 */
export function historyAsJsonSql(chapterId: string, range: SnapshotRange, params: StatementParams): string {
  return `(SELECT coalesce(json_agg(h ORDER BY h.date), '[]') FROM (SELECT ${snapshotColumns(SYNTHETIC_BY_KEY)}
            FROM membership_snapshot m WHERE m.chapter_id = ${chapterId}${snapshotRangeSql(range, params)}) h)`;
}

/**
 * The latest snapshot of the chapter whose id is the SQL expression
 * `chapterId`, with its columns: ORDER BY taken_on DESC LIMIT 1 reads one
 * entry of the (chapter_id, taken_on) index; DISTINCT ON would visit every
 * snapshot of every chapter (PERF-NOTES finding 4). Shared by the loader and
 * planned reads, as a LATERAL subquery.
 */
export function latestSnapshotSql(chapterId: string): string {
  // The source's flag by a subquery on its key: joined, PostgreSQL hashed the whole source table once per chapter.
  return `SELECT ${snapshotColumns(SYNTHETIC_BY_KEY)}
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
