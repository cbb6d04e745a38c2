import type { SqlClient } from "../db/sql";
import type { AuditAction } from "../model/enums";
import type { PageCounts, PageRequest } from "../model/page";

/** An audit log entry as the API shows it. */
export interface AuditRow {
  rowId: number;
  at: Date;
  actor: string;
  action: AuditAction;
  entityType: string;
  entityId: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Validated conditions on entries; all given must hold. */
export interface AuditConditions {
  actor?: string;
  action?: AuditAction;
  entityType?: string;
  entityId?: number;
  /** Only entries at or after / before this instant (ISO 8601). */
  from?: string;
  to?: string;
}

const COLUMNS = `id AS "rowId", at, actor, action, entity_type AS "entityType", entity_id AS "entityId", before, after`;

/** The WHERE clause of `conditions`, numbering its parameters from 1; every condition is always present so each text is one prepared statement. */
const WHERE = `($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR action = $2) AND ($3::text IS NULL OR entity_type = $3)
  AND ($4::int IS NULL OR entity_id = $4) AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)`;

const parameters = (c: AuditConditions) => [c.actor ?? null, c.action ?? null, c.entityType ?? null, c.entityId ?? null, c.from ?? null, c.to ?? null];

export const auditRepository = {
  /**
   * One page of entries, newest first (keyset on id, which grows with time),
   * fetched with one extra row to tell whether more follow, and the counts pageInfo needs.
   */
  async page(sql: SqlClient, conditions: AuditConditions, page: PageRequest): Promise<{ rows: AuditRow[]; counts: PageCounts }> {
    const after = (page.after?.[0] as number | undefined) ?? null;
    const before = (page.before?.[0] as number | undefined) ?? null;
    const rows = await sql.rows<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_entry
        WHERE ${WHERE} AND ($7::int IS NULL OR id < $7) AND ($8::int IS NULL OR id > $8)
        ORDER BY id ${page.forward ? "DESC" : "ASC"} LIMIT $9`,
      [...parameters(conditions), after, before, page.limit + 1],
    );
    const [counts] = await sql.rows<PageCounts>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE $7::int IS NULL OR id < $7)::int AS "afterCount",
              count(*) FILTER (WHERE $8::int IS NULL OR id > $8)::int AS "beforeCount"
         FROM audit_entry WHERE ${WHERE}`,
      [...parameters(conditions), after, before],
    );
    return { rows, counts };
  },
};
