import type { SqlClient } from "../db/sql";
import type { SnapshotRow as MembershipSnapshot } from "../model/rows";
import { alignMany, alignOne } from "./rows";
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

/**
 * The latest snapshot of the chapter whose id is the SQL expression
 * `chapterId`, with its columns: ORDER BY taken_on DESC LIMIT 1 reads one
 * entry of the (chapter_id, taken_on) index; DISTINCT ON would visit every
 * snapshot of every chapter (PERF-NOTES finding 4). Shared by the loader and
 * planned reads, as a LATERAL subquery.
 */
export function latestSnapshotSql(chapterId: string): string {
  // The source's flag by a subquery on its key: joined, PostgreSQL hashed the whole source table once per chapter.
  return `SELECT ${snapshotColumns("(SELECT s.synthetic FROM source s WHERE s.id = m.source_id)")}
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

  /**
   * Each chapter's snapshots from `from` to `to` (inclusive; null for open),
   * only those changed after `since` (an ISO 8601 instant) when given, oldest first.
   */
  async historyByChapterIds(
    sql: SqlClient,
    visibility: Visibility,
    chapterIds: readonly number[],
    from: string | null,
    to: string | null,
    since: string | null,
  ): Promise<MembershipSnapshot[][]> {
    const rows = await sql.rows<MembershipSnapshot>(
      `SELECT ${SNAPSHOT_COLUMNS}
         FROM membership_snapshot m JOIN source s ON s.id = m.source_id JOIN chapter c ON c.id = m.chapter_id
        WHERE m.chapter_id = ANY($1::int[]) AND ${visibleSql(visibility, "c")}
          AND ($2::date IS NULL OR m.taken_on >= $2::date)
          AND ($3::date IS NULL OR m.taken_on <= $3::date)
          AND ($4::timestamptz IS NULL OR m.updated_at > $4::timestamptz)
        ORDER BY m.chapter_id, m.taken_on`,
      [chapterIds, from, to, since],
    );
    return alignMany(chapterIds, rows, (r) => r.chapterId);
  },
};
