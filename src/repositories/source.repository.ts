import type { SqlClient } from "../db/sql";
import type { SourceRow as Source } from "../model/rows";
import { alignOne, selectList, type ColumnMap } from "./rows";

/** A source's columns (alias `s`); its citation count is not one: `all` adds it. */
export const SOURCE_COLUMN_MAP: ColumnMap<Omit<Source, "citationCount">> = {
  rowId: "s.id",
  url: "s.url",
  title: "s.title",
  retrievedOn: "s.retrieved_on",
  licenceId: "s.licence_id",
  licenceNote: "s.licence_note",
  synthetic: "s.synthetic",
  note: "s.note",
  updatedAt: "s.updated_at",
};

const SOURCE_COLUMNS = selectList(SOURCE_COLUMN_MAP);

/**
 * The source_id of every row that cites a source, from every table that has
 * one: what a citation count counts. A new table with a source_id belongs
 * here (test/graphql/sync.test.ts compares this list with the database's).
 */
const CITING_ROWS = [
  "activity", "award_recipient", "chapter", "core_value", "fact", "membership_snapshot",
  "objective", "office", "organization", "participation", "principle", "programme",
].map((table) => `SELECT source_id FROM ${table}`).join(" UNION ALL ");

export const sourceRepository = {
  async byIds(sql: SqlClient, ids: readonly number[]): Promise<(Source | null)[]> {
    const rows = await sql.rows<Source>(`SELECT ${SOURCE_COLUMNS} FROM source s WHERE s.id = ANY($1::int[])`, [ids]);
    return alignOne(ids, rows, (r) => r.rowId);
  },

  /** Every source, by URL, each with the number of rows citing it, in one statement. */
  async all(sql: SqlClient): Promise<Source[]> {
    const rows = await sql.rows<Source>(
      `SELECT ${SOURCE_COLUMNS}, coalesce(n.count, 0) AS "citationCount"
         FROM source s
         LEFT JOIN (SELECT source_id, count(*) AS count FROM (${CITING_ROWS}) citing GROUP BY source_id) n ON n.source_id = s.id
        ORDER BY s.url`,
    );
    return rows;
  },

  /**
   * The number of rows citing each source. The condition on source_id reaches
   * into every branch of the UNION ALL, so each table is read through its
   * source_id index.
   */
  async citationCounts(sql: SqlClient, ids: readonly number[]): Promise<number[]> {
    const rows = await sql.rows<{ sourceId: number; count: number }>(
      `SELECT source_id AS "sourceId", count(*) AS count FROM (${CITING_ROWS}) citing WHERE source_id = ANY($1::int[]) GROUP BY source_id`,
      [ids],
    );
    return alignOne(ids, rows, (r) => r.sourceId).map((r) => r?.count ?? 0);
  },
};
