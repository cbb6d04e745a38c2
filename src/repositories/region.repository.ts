import type { SqlClient } from "../db/sql";
import type { CountryRow as Country, MemberTotalsRow as MemberTotals, RegionRow as Region } from "../model/rows";
import { alignOne, selectList, type ColumnMap } from "./rows";

/** A region's columns (alias `r`). */
export const REGION_COLUMN_MAP: ColumnMap<Region> = { rowId: "r.id", slug: "r.slug", name: "r.name", updatedAt: "r.updated_at" };
/** A country's columns (alias `c`). */
export const COUNTRY_COLUMN_MAP: ColumnMap<Country> = { code: "c.code", name: "c.name", updatedAt: "c.updated_at" };

const REGION_COLUMNS = selectList(REGION_COLUMN_MAP);
const COUNTRY_COLUMNS = selectList(COUNTRY_COLUMN_MAP);

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
   * Member totals of several regions at one date, in one statement: each
   * current chapter counts with its latest snapshot on or before `at`. Read
   * from the region grain of membership_rollup, where each row is what a
   * region's snapshots of one date change (migrations/1796283781069-MembershipRollup.ts):
   * their sum up to `at` is the total, about 140 rows per region at ten years
   * of monthly snapshots, instead of a lookup per chapter (PERF-NOTES finding 9):
   * all six regions at 5,130 chapters × 120 months in 0.4–0.7 ms (EXPLAIN
   * ANALYZE), against 100–190 ms for the lookups.
   */
  async memberTotals(sql: SqlClient, regionIds: readonly number[], at: string): Promise<MemberTotals[]> {
    const rows = await sql.rows<MemberTotals & { regionId: number }>(
      `SELECT r.id AS "regionId", $2::date AS at,
              coalesce(sum(t.individual_members), 0) AS "individualMembers",
              coalesce(sum(t.organization_members), 0) AS "organizationMembers",
              coalesce(sum(t.chapters), 0) AS "chapterCount",
              coalesce(sum(t.synthetic), 0) > 0 AS synthetic
         FROM unnest($1::int[]) AS r(id)
         LEFT JOIN membership_rollup t ON t.grain = 'region' AND t.region_id = r.id AND t.taken_on <= $2::date
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
