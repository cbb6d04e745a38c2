import type { SqlClient } from "../db/sql";
import type { AwardRecipientRow as AwardRecipient, AwardRow as Award } from "../model/rows";
import { alignMany, alignOne } from "./rows";

const AWARD_COLUMNS = `a.id AS "rowId", a.slug, a.name, a.updated_at AS "updatedAt"`;
const RECIPIENT_COLUMNS = `ar.id AS "rowId", ar.award_id AS "awardId", ar.year, ar.recipient, ar.source_id AS "sourceId", ar.updated_at AS "updatedAt"`;

export const awardRepository = {
  /** Awards whose name contains `name` (case-insensitive), and that were given in `year`, when given. */
  async find(sql: SqlClient, name: string | null, year: number | null): Promise<Award[]> {
    const rows = await sql.rows<Award>(
      `SELECT ${AWARD_COLUMNS} FROM award a
        WHERE ($1::text IS NULL OR strpos(lower(a.name), lower($1::text)) > 0)
          AND ($2::int IS NULL OR EXISTS (SELECT 1 FROM award_recipient ar WHERE ar.award_id = a.id AND ar.year = $2::int))
        ORDER BY a.name`,
      [name, year],
    );
    return rows;
  },

  async byIds(sql: SqlClient, ids: readonly number[]): Promise<(Award | null)[]> {
    const rows = await sql.rows<Award>(`SELECT ${AWARD_COLUMNS} FROM award a WHERE a.id = ANY($1::int[])`, [ids]);
    return alignOne(ids, rows, (r) => r.rowId);
  },

  async recipientsByIds(sql: SqlClient, ids: readonly number[]): Promise<(AwardRecipient | null)[]> {
    const rows = await sql.rows<AwardRecipient>(`SELECT ${RECIPIENT_COLUMNS} FROM award_recipient ar WHERE ar.id = ANY($1::int[])`, [ids]);
    return alignOne(ids, rows, (r) => r.rowId);
  },

  /** Each award's recipients, by year (only `year`'s when given). */
  async recipientsByAwardIds(sql: SqlClient, awardIds: readonly number[], year: number | null): Promise<AwardRecipient[][]> {
    const rows = await sql.rows<AwardRecipient>(
      `SELECT ${RECIPIENT_COLUMNS} FROM award_recipient ar
        WHERE ar.award_id = ANY($1::int[]) AND ($2::int IS NULL OR ar.year = $2::int)
        ORDER BY ar.year, ar.id`,
      [awardIds, year],
    );
    return alignMany(awardIds, rows, (r) => r.awardId);
  },
};
