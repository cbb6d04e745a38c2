import type { SqlClient } from "../db/sql";
import type { ParticipationRow as Participation, ProgrammeRow as Programme } from "../model/rows";
import { alignMany, alignOne, selectList, type ColumnMap } from "./rows";
import { visibleSql, type Visibility } from "./visibility";

/** A programme's columns (alias `p`). */
export const PROGRAMME_COLUMN_MAP: ColumnMap<Programme> = {
  rowId: "p.id",
  slug: "p.slug",
  name: "p.name",
  area: "p.area",
  description: "p.description",
  sourceId: "p.source_id",
  updatedAt: "p.updated_at",
};
/** A participation's columns (alias `pa`). */
export const PARTICIPATION_COLUMN_MAP: ColumnMap<Participation> = {
  rowId: "pa.id",
  chapterId: "pa.chapter_id",
  programmeId: "pa.programme_id",
  since: "pa.since",
  sincePrecision: "pa.since_precision",
  sourceId: "pa.source_id",
  evidenceNote: "pa.evidence_note",
  updatedAt: "pa.updated_at",
  version: "pa.version",
  archivedAt: "pa.archived_at",
};

const PROGRAMME_COLUMNS = selectList(PROGRAMME_COLUMN_MAP);
const PARTICIPATION_COLUMNS = selectList(PARTICIPATION_COLUMN_MAP);

/**
 * The participations `programme.chapters` shows, of the programmes in the
 * int[] parameter `programmeIds`, earliest first: those visible under
 * `visibility`, with their chapters. Shared by the loader and the planned read
 * that adds the chapters.
 */
export function participationsOfProgrammesSql(programmeIds: string, visibility: Visibility): string {
  return `SELECT ${PARTICIPATION_COLUMNS} FROM participation pa JOIN chapter c ON c.id = pa.chapter_id
           WHERE pa.programme_id = ANY(${programmeIds}) AND ${visibleSql(visibility, "pa", "c")} ORDER BY pa.since, pa.id`;
}

export const programmeRepository = {
  async all(sql: SqlClient, area: string | null): Promise<Programme[]> {
    const rows = await sql.rows<Programme>(
      `SELECT ${PROGRAMME_COLUMNS} FROM programme p WHERE $1::text IS NULL OR lower(p.area) = lower($1::text) ORDER BY p.name`,
      [area],
    );
    return rows;
  },

  async byIds(sql: SqlClient, ids: readonly number[]): Promise<(Programme | null)[]> {
    const rows = await sql.rows<Programme>(`SELECT ${PROGRAMME_COLUMNS} FROM programme p WHERE p.id = ANY($1::int[])`, [ids]);
    return alignOne(ids, rows, (r) => r.rowId);
  },

  async bySlugs(sql: SqlClient, slugs: readonly string[]): Promise<(Programme | null)[]> {
    const rows = await sql.rows<Programme>(`SELECT ${PROGRAMME_COLUMNS} FROM programme p WHERE p.slug = ANY($1::text[])`, [slugs]);
    return alignOne(slugs, rows, (r) => r.slug);
  },

  async participationsByIds(sql: SqlClient, visibility: Visibility, ids: readonly number[]): Promise<(Participation | null)[]> {
    const rows = await sql.rows<Participation>(
      `SELECT ${PARTICIPATION_COLUMNS} FROM participation pa JOIN chapter c ON c.id = pa.chapter_id
        WHERE pa.id = ANY($1::int[]) AND ${visibleSql(visibility, "pa", "c")}`,
      [ids],
    );
    return alignOne(ids, rows, (r) => r.rowId);
  },

  /** Each chapter's programme participations, earliest first. */
  async participationsByChapterIds(sql: SqlClient, visibility: Visibility, chapterIds: readonly number[]): Promise<Participation[][]> {
    const rows = await sql.rows<Participation>(
      `SELECT ${PARTICIPATION_COLUMNS} FROM participation pa JOIN chapter c ON c.id = pa.chapter_id
        WHERE pa.chapter_id = ANY($1::int[]) AND ${visibleSql(visibility, "pa", "c")} ORDER BY pa.since, pa.id`,
      [chapterIds],
    );
    return alignMany(chapterIds, rows, (r) => r.chapterId);
  },

  /** Each programme's participating chapters, earliest first. */
  async participationsByProgrammeIds(sql: SqlClient, visibility: Visibility, programmeIds: readonly number[]): Promise<Participation[][]> {
    const rows = await sql.rows<Participation>(participationsOfProgrammesSql("$1::int[]", visibility), [programmeIds]);
    return alignMany(programmeIds, rows, (r) => r.programmeId);
  },
};
