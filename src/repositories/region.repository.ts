import type { SqlClient } from "../db/sql";
import type { CountryRow as Country, MemberTotalsRow as MemberTotals, RegionRow as Region } from "../model/rows";
import { alignOne } from "./rows";

export const REGION_COLUMNS = `r.id AS "rowId", r.slug, r.name, r.updated_at AS "updatedAt"`;
export const COUNTRY_COLUMNS = `c.code, c.name, c.updated_at AS "updatedAt"`;

export const regionRepository = {
  async all(sql: SqlClient): Promise<Region[]> {
    const rows = await sql.rows<Region>(`SELECT ${REGION_COLUMNS} FROM region r ORDER BY r.name`);
    return rows;
  },

  async byIds(sql: SqlClient, ids: readonly number[]): Promise<(Region | null)[]> {
    const rows = await sql.rows<Region>(`SELECT ${REGION_COLUMNS} FROM region r WHERE r.id = ANY($1::int[])`, [ids]);
    return alignOne(ids, rows, (r) => r.rowId);
  },

  async bySlugs(sql: SqlClient, slugs: readonly string[]): Promise<(Region | null)[]> {
    const rows = await sql.rows<Region>(`SELECT ${REGION_COLUMNS} FROM region r WHERE r.slug = ANY($1::text[])`, [slugs]);
    return alignOne(slugs, rows, (r) => r.slug);
  },

  /**
   * Member totals of several regions at one date, in one statement. Each
   * chapter counts with its latest snapshot on or before `at`: a LATERAL
   * lookup per chapter walks the (chapter_id, taken_on) index backwards and
   * stops at the first row (PERF-NOTES finding 4), instead of DISTINCT ON over
   * every snapshot.
   */
  async memberTotals(sql: SqlClient, regionIds: readonly number[], at: string): Promise<MemberTotals[]> {
    const rows = await sql.rows<MemberTotals & { regionId: number }>(
      `SELECT r.id AS "regionId", $2::date AS at,
              coalesce(sum(m.individual_members), 0) AS "individualMembers",
              coalesce(sum(m.organization_members), 0) AS "organizationMembers",
              count(m.chapter_id) AS "chapterCount",
              coalesce(bool_or(m.synthetic), false) AS synthetic
         FROM unnest($1::int[]) AS r(id)
         LEFT JOIN chapter c ON c.region_id = r.id AND c.archived_at IS NULL
         LEFT JOIN LATERAL (
           SELECT ms.chapter_id, ms.individual_members, ms.organization_members, s.synthetic
             FROM membership_snapshot ms JOIN source s ON s.id = ms.source_id
            WHERE ms.chapter_id = c.id AND ms.taken_on <= $2::date
            ORDER BY ms.taken_on DESC LIMIT 1
         ) m ON true
        GROUP BY r.id`,
      [regionIds, at],
    );
    return alignOne(regionIds, rows, (r) => r.regionId).map((r) => r as MemberTotals);
  },

  async allCountries(sql: SqlClient): Promise<Country[]> {
    const rows = await sql.rows<Country>(`SELECT ${COUNTRY_COLUMNS} FROM country c ORDER BY c.name`);
    return rows;
  },

  async countriesByCodes(sql: SqlClient, codes: readonly string[]): Promise<(Country | null)[]> {
    const rows = await sql.rows<Country>(`SELECT ${COUNTRY_COLUMNS} FROM country c WHERE c.code = ANY($1::bpchar[])`, [codes]);
    return alignOne(codes, rows, (r) => r.code);
  },
};
